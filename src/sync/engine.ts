/**
 * @module sync/engine
 * The SyncPort the flows call, on Redis: pre-check against the applicable targets' known
 * policies; intent (sequence + sealed password) before the primary write, refused with
 * `unavailable` when Redis does not answer; jobs after it; the intent forgotten when the primary
 * refused. Plus the status behind a person's reference.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { defineScript } from '../adapters/redis/script.ts';
import type { Config } from '../config/schema.ts';
import { unavailable, type Violation } from '../errors.ts';
import type { Logger } from '../lib/logger.ts';
import type { Sealer } from '../lib/seal.ts';
import type { PreparedSync, SyncPort } from '../ports/sync.ts';
import { createApplicability, type ApplicabilityDirectory } from './applicability.ts';
import { createIntent, dropIntent, lifetimesOf, payloadAad, readChange } from './changes.ts';
import { commitChange } from './commit.ts';
import type { SyncKeys } from './keys.ts';
import type { SyncQueue } from './queues.ts';
import type { RefCodec } from './ref.ts';
import { readSyncStatus, targetLabels, type SyncStatus } from './status.ts';
import type { SyncTarget } from './targets/types.ts';

export interface SyncEngineDeps {
  sync: Config['sync'];
  /** The web side's connection: fails fast, so that Redis down is a 503 within a second or two. */
  redis: Redis;
  keys: SyncKeys;
  queues: Map<string, SyncQueue>;
  /** For the pre-check (known policies); the engine never writes to them. */
  targets: Map<string, Pick<SyncTarget, 'precheck'>>;
  directory: ApplicabilityDirectory;
  sealer: Sealer;
  refs: RefCodec;
  logger: Logger;
  now?: () => number;
}

export interface SyncEngine extends SyncPort {
  /** What the person sees behind a reference; null for a forged, expired or forgotten one. */
  status(ref: string): Promise<SyncStatus | null>;
}

/** A change id: 96 random bits, URL-safe, never all digits (BullMQ reads those as its own ids). */
export const newChangeId = (): string => `c${randomBytes(12).toString('base64url')}`;

/**
 * A target's pre-check may read from the target (an AD domain's policy): it gets this long, then
 * the change goes on without it — a target that cannot be reached must not hold a person up.
 */
const PRECHECK_TIMEOUT_MS = 2000;

/**
 * How long the login's change lock lives (it outlives the directory's write timeout) and how long a
 * second change of the same login waits for it before being told to try again.
 */
const CHANGE_LOCK_MS = 20_000;
const CHANGE_LOCK_WAIT_MS = 8_000;

/** Deletes the lock only if it is still ours (it may have expired and been taken by another change). */
const RELEASE_LOCK = defineScript('release_change_lock', "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end");

const within = <T>(work: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
};

export const createSyncEngine = (deps: SyncEngineDeps): SyncEngine => {
  const now = deps.now ?? Date.now;
  const log = deps.logger.child({ component: 'sync' });
  const lifetimes = lifetimesOf(deps.sync);
  const applicable = createApplicability(deps.sync.targets, deps.directory);
  const labels = targetLabels(deps.sync.targets);
  const summary = (name: string) => ({ name, label: labels.get(name) ?? { fr: name } });

  /**
   * Serialises the changes of one login between the intent and the commit: the sequence number is
   * taken at intent time, so two changes racing to the primary (two resets at once) must not reach
   * it in the other order. A second change waits; past the wait it is refused, nothing written.
   */
  const lockLogin = async (login: string, id: string) => {
    const until = now() + CHANGE_LOCK_WAIT_MS;
    for (;;) {
      let taken: string | null;
      try {
        taken = await deps.redis.set(deps.keys.changing(login), id, 'PX', CHANGE_LOCK_MS, 'NX');
      } catch (error) {
        throw unavailable('redis', error);
      }
      if (taken) return;
      if (now() > until) throw unavailable('sync', new Error('another change of this login is still in progress'));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const unlockLogin = async (login: string, id: string) => {
    try {
      await RELEASE_LOCK(deps.redis, [deps.keys.changing(login)], [id]);
    } catch (error) {
      // It expires by itself after CHANGE_LOCK_MS.
      log.warn({ login, err: error }, 'change lock not released; it expires by itself');
    }
  };

  return {
    async precheck(person, password) {
      const names = await applicable(person);
      const found = await Promise.all(
        names.map(async (name): Promise<Violation[]> => {
          const target = deps.targets.get(name);
          if (!target) return [];
          try {
            return await within(target.precheck(password, person), PRECHECK_TIMEOUT_MS);
          } catch (error) {
            // A target that cannot be reached does not block a change: its job will be retried.
            log.warn({ target: name, err: error }, 'sync target policy unavailable for the pre-check');
            return [];
          }
        }),
      );
      return found.flat();
    },

    async prepare(person, password, route): Promise<PreparedSync> {
      const names = await applicable(person);
      const createdAt = now();
      const deadline = createdAt + deps.sync.promiseMinutes * 60_000;
      if (names.length === 0) return { ref: '', login: person.login, sequence: 0, targets: [], deadline: new Date(deadline).toISOString() };
      const id = newChangeId();
      await lockLogin(person.login, id);
      const sealed = deps.sealer.seal(password, payloadAad(id));
      let sequence: number;
      try {
        sequence = await createIntent(
          deps.redis,
          deps.keys,
          { id, login: person.login, dn: person.dn, route, targets: names, createdAt, deadline, sealed },
          lifetimes,
        );
      } catch (error) {
        await unlockLogin(person.login, id);
        throw unavailable('redis', error);
      }
      log.debug({ changeId: id, login: person.login, sequence, targets: names }, 'sync intent written');
      return { ref: deps.refs.sign(id, createdAt), login: person.login, sequence, targets: names.map(summary), deadline: new Date(deadline).toISOString() };
    },

    async commit(prepared) {
      const id = prepared.ref ? deps.refs.idOf(prepared.ref) : null;
      if (!id) return;
      // The primary holds the password now: the next change of this login may go ahead.
      await unlockLogin(prepared.login, id);
      try {
        const change = await readChange(deps.redis, deps.keys, id);
        if (!change) {
          log.error({ changeId: id, login: prepared.login }, 'sync intent vanished before commit; targets will not get this change');
          return;
        }
        await commitChange({ ...deps, logger: log, lifetimes }, change);
        log.info({ changeId: id, login: prepared.login, sequence: prepared.sequence, targets: change.targets }, 'sync jobs queued');
      } catch (error) {
        // The password is in the primary and the intent in Redis: the recovery sweep will queue it.
        log.error({ changeId: id, login: prepared.login, err: error }, 'sync commit failed; the recovery sweep will queue it');
      }
    },

    async abandon(prepared) {
      const id = prepared.ref ? deps.refs.idOf(prepared.ref) : null;
      if (!id) return;
      await unlockLogin(prepared.login, id);
      try {
        await dropIntent(deps.redis, deps.keys, id, prepared.login);
      } catch (error) {
        // Left behind, it is dropped by the sweep once it sees the password does not bind.
        log.warn({ changeId: id, login: prepared.login, err: error }, 'sync intent not removed; the recovery sweep will drop it');
      }
    },

    async release(prepared) {
      const id = prepared.ref ? deps.refs.idOf(prepared.ref) : null;
      if (!id) return;
      await unlockLogin(prepared.login, id);
      log.warn({ changeId: id, login: prepared.login }, 'primary write unanswered; the recovery sweep will decide whether to queue this change');
    },

    status: (ref) => readSyncStatus({ redis: deps.redis, keys: deps.keys, refs: deps.refs, labels }, ref),
  };
};
