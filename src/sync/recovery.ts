/**
 * @module sync/recovery
 * The recovery sweep: an intent older than `recoveryAfterSeconds` means the process died between
 * writing it and queueing its jobs (or before the primary write). The primary decides: if the
 * intent's password binds ('ok' or 'must-change'), the change happened and is queued now;
 * if it is refused, the change never happened and the intent is dropped. When the primary
 * cannot tell (down, account locked), the intent waits for the next sweep, until the promise has
 * passed, when it is dropped with an error log.
 *
 * Before asking the primary: if a newer change of the same login was committed since, the intent
 * is superseded, whatever became of it. The soak found why this comes first: a change answered
 * 200 whose commit met a Redis restart, then changed again by the person, was dropped as « never
 * happened » (its password no longer binds), so its reference answered 404, and that failed bind
 * counted towards the person's lock-out.
 *
 * And an intent whose targets are all final already is closed as it is: its commit queued the
 * jobs, they ran, but the commit's last step (closing the intent) met a Redis failure. Dropping
 * it, because its sealed password is gone (deleted once every target was done), made the
 * reference of a delivered change answer 404 (the soak again).
 */
import type { Redis } from 'ioredis';
import type { Config } from '../config/schema.ts';
import { isPasserelleError } from '../errors.ts';
import type { Logger } from '../lib/logger.ts';
import type { Sealer } from '../lib/seal.ts';
import type { DirectoryPort } from '../ports/directory.ts';
import { FINAL_STATES, dropIntent, finalizeTarget, lifetimesOf, markCommitted, payloadAad, readChange, type ChangeRecord } from './changes.ts';
import { commitChange } from './commit.ts';
import type { SyncKeys } from './keys.ts';
import { syncMetrics } from './metrics.ts';
import type { SyncQueue } from './queues.ts';
import { periodic, type Periodic } from './timer.ts';

export interface RecoveryDeps {
  sync: Config['sync'];
  redis: Redis;
  keys: SyncKeys;
  queues: Map<string, SyncQueue>;
  sealer: Sealer;
  directory: Pick<DirectoryPort, 'verifyPassword'>;
  logger: Logger;
  now?: () => number;
}

export interface RecoveryResult {
  queued: number;
  dropped: number;
  /** A newer change of the login was committed: nothing to deliver, the targets say superseded. */
  superseded: number;
  /** Its jobs had already run (the commit failed at its very end): closed as it is. */
  closed: number;
  /** Could not be decided this time (primary down, account locked). */
  kept: number;
}

export interface RecoverySweep extends Periodic {
  runOnce(): Promise<RecoveryResult>;
}

const BATCH = 100;

export const createRecoverySweep = (deps: RecoveryDeps): RecoverySweep => {
  const now = deps.now ?? Date.now;
  const log = deps.logger.child({ component: 'sync-recovery' });
  const lifetimes = lifetimesOf(deps.sync);

  /** Whether a newer change of this login was committed for one of its targets (its "queued" mark is higher). */
  const newerCommitted = async (change: ChangeRecord): Promise<boolean> => {
    const marks = await deps.redis.mget(change.targets.map((target) => deps.keys.queued(target, change.login)));
    return marks.some((mark) => Number(mark ?? 0) > change.sequence);
  };

  /** Every target still pending becomes superseded (which deletes the sealed password), then the intent is closed. */
  const supersede = async (change: ChangeRecord) => {
    const at = now();
    for (const target of change.targets) {
      const state = change.states[target] ?? { state: 'pending' as const, attempts: 0 };
      if (FINAL_STATES.has(state.state)) continue;
      await finalizeTarget(deps.redis, deps.keys, change.id, target, { state: 'superseded', attempts: state.attempts, at }, at);
    }
    await markCommitted(deps.redis, deps.keys, change.id, lifetimes);
  };

  const decide = async (id: string, result: RecoveryResult): Promise<void> => {
    const change = await readChange(deps.redis, deps.keys, id);
    if (!change || change.phase === 'committed') {
      await deps.redis.zrem(deps.keys.intents, id);
      return;
    }
    const facts = { changeId: id, login: change.login, sequence: change.sequence };
    const drop = async (why: string, level: 'info' | 'error') => {
      await dropIntent(deps.redis, deps.keys, id, change.login);
      result.dropped += 1;
      syncMetrics.recovered.inc({ action: 'dropped' });
      log[level]({ ...facts, why }, 'sync intent dropped by the recovery sweep');
    };
    if (change.targets.every((target) => FINAL_STATES.has(change.states[target]?.state ?? 'pending'))) {
      await markCommitted(deps.redis, deps.keys, id, lifetimes);
      result.closed += 1;
      syncMetrics.recovered.inc({ action: 'closed' });
      log.info(facts, 'sync intent closed: its jobs had already run');
      return;
    }
    if (await newerCommitted(change)) {
      await supersede(change);
      result.superseded += 1;
      syncMetrics.recovered.inc({ action: 'superseded' });
      log.info(facts, 'sync intent superseded by a newer change of the login; nothing to deliver');
      return;
    }
    const sealed = await deps.redis.get(deps.keys.payload(id));
    if (!sealed || !change.dn) return drop('its sealed password is gone', 'error');
    let password: string;
    try {
      password = deps.sealer.open(sealed, payloadAad(id));
    } catch {
      return drop('its sealed password does not open (was its key removed from security.encryptionKeys?)', 'error');
    }
    try {
      await deps.directory.verifyPassword({ dn: change.dn, login: change.login, extra: {} }, password);
    } catch (error) {
      if (isPasserelleError(error) && error.code === 'invalid_credentials') return drop('the primary does not hold its password: the change never happened', 'info');
      if (now() > change.deadline) return drop(`undecidable until the deadline (${isPasserelleError(error) ? error.code : 'error'})`, 'error');
      result.kept += 1;
      log.warn({ ...facts, code: isPasserelleError(error) ? error.code : undefined }, 'sync intent left for the next sweep: the primary cannot tell now');
      return;
    }
    await commitChange({ redis: deps.redis, keys: deps.keys, queues: deps.queues, sync: deps.sync, lifetimes, logger: log }, change);
    result.queued += 1;
    syncMetrics.recovered.inc({ action: 'queued' });
    log.warn(facts, 'sync intent recovered: the primary holds its password, jobs queued');
  };

  const runOnce = async (): Promise<RecoveryResult> => {
    const result: RecoveryResult = { queued: 0, dropped: 0, superseded: 0, closed: 0, kept: 0 };
    const ids = await deps.redis.zrangebyscore(deps.keys.intents, '-inf', now() - deps.sync.recoveryAfterSeconds * 1000, 'LIMIT', 0, BATCH);
    for (const id of ids) {
      // Several instances may sweep: one of them decides each intent.
      const claimed = await deps.redis.set(deps.keys.sweepClaim(id), '1', 'EX', 120, 'NX');
      if (claimed !== 'OK') continue;
      try {
        await decide(id, result);
      } catch (error) {
        result.kept += 1;
        log.warn({ changeId: id, err: error }, 'sync intent could not be decided; next sweep will try again');
      } finally {
        await deps.redis.del(deps.keys.sweepClaim(id));
      }
    }
    return result;
  };

  return { runOnce, ...periodic('recovery-sweep', Math.max(1, Math.ceil(deps.sync.recoveryAfterSeconds / 2)) * 1000, runOnce, log) };
};
