/**
 * @module sync/sequence
 * Newest wins, per (target, login). Each change of a login carries a sequence number (INCR at
 * intent time). Around each write to a target, under a per-(target, login) lock:
 * - before: a job whose sequence is not above the last applied one, or is below the highest
 *   committed one, does not write (a newer password is there, or on its way);
 * - after: the applied mark moves up and the lock is released, both only by the lock's holder,
 *   in the same step as the target's state becomes done.
 * Retries reorder jobs (change 1 waits for its backoff while change 2 lands): this is what stops
 * change 1's retry from landing afterwards. Supersede by "highest committed" only saves writes.
 * Each side is one Lua script, so a job costs two round trips to Redis around its write.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { TargetState } from '../ports/sync-admin.ts';
import { FINALIZE_LUA, finalizeKeys, type Finalized } from './changes.ts';
import type { SyncKeys } from './keys.ts';
import { defineScript } from '../adapters/redis/script.ts';

/** One job, as the guard sees it. */
export interface GuardedWrite {
  target: string;
  login: string;
  sequence: number;
  changeId: string;
  /** The attempt about to start (recorded on the change when it writes). */
  attempts: number;
  /** A job that writes a final change again after a fencing conflict. */
  reapply?: boolean | undefined;
}

/**
 * Reads the target's state, then takes the lock unless another change holds it. The same change
 * may take it over: BullMQ only runs a job again once its previous run stopped renewing its lock
 * (killed worker), and two runs of one change write the same password, which is harmless.
 * Returns the sealed password with the decision to write.
 */
const beginScript = defineScript(
  'sync_guard_begin',
  `local raw = redis.call('HGET', KEYS[4], 't:' .. ARGV[4])
if not raw then return {'gone'} end
local current = cjson.decode(raw)
if current.state ~= 'pending' and ARGV[7] ~= '1' then return {'final', raw} end
local holder = redis.call('GET', KEYS[1])
if holder and string.sub(holder, 1, #ARGV[3] + 1) ~= ARGV[3] .. ':' then return {'busy'} end
local applied = redis.call('GET', KEYS[2]) or '0|'
local appliedSeq = tonumber(string.sub(applied, 1, (string.find(applied, '|', 1, true) or (#applied + 1)) - 1)) or 0
local queuedSeq = tonumber(redis.call('GET', KEYS[3]) or '0') or 0
local seq = tonumber(ARGV[5])
if appliedSeq >= seq or queuedSeq > seq then return {'skip', tostring(appliedSeq), tostring(queuedSeq)} end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if current.state == 'pending' then
  current.attempts = tonumber(ARGV[6])
  redis.call('HSET', KEYS[4], 't:' .. ARGV[4], cjson.encode(current))
end
return {'write', redis.call('GET', KEYS[5]) or '', raw}`,
  5,
);

/**
 * Records the write: the applied mark (if the lock is still ours, and only upwards), the lock
 * released, the target done. If the lock expired during the write and a newer change landed
 * meanwhile, ours may have overwritten it: the mark is set to ours and the newer change is named,
 * so that its job runs again.
 */
const releaseScript = defineScript(
  'sync_guard_release',
  `${FINALIZE_LUA}local mark = ARGV[2] .. '|' .. ARGV[3]
local current = redis.call('GET', KEYS[2]) or '0|'
local sep = string.find(current, '|', 1, true) or (#current + 1)
local currentSeq = tonumber(string.sub(current, 1, sep - 1)) or 0
local currentId = string.sub(current, sep + 1)
local seq = tonumber(ARGV[2])
local status, reapply = 1, ''
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  if seq > currentSeq then redis.call('SET', KEYS[2], mark, 'EX', ARGV[4]) end
else
  redis.call('SET', KEYS[2], mark, 'EX', ARGV[4])
  if seq >= currentSeq then status = -1 else status = -2 reapply = currentId end
end
local f = finalize({KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]}, ARGV[3], ARGV[5], ARGV[6], 'done', ARGV[7], ARGV[8])
return {status, reapply, f[1], f[2]}`,
  7,
);

const unlockScript = defineScript(
  'sync_guard_unlock',
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
  1,
);

export type GuardDecision =
  /** The change's record is gone (its history expired): nothing to do. */
  | { kind: 'gone' }
  /** This target is already final for this change (a duplicate run). */
  | { kind: 'final'; state: TargetState }
  /** Another change of the same (target, login) is being written: come back shortly. */
  | { kind: 'busy' }
  /** A newer (or this very) change is already on the target, or a newer one is committed: do not write. */
  | { kind: 'skip'; appliedSequence: number; queuedSequence: number; alreadyApplied: boolean }
  /** Write, then call `release` (or `abort` if the write failed). `sealed` is the sealed password, if still held. */
  | { kind: 'write'; token: string; sealed: string | undefined; previous: TargetState };

export interface ReleaseResult {
  /**
   * `lock-lost`: the lock expired during the write (it outlived the target's timeout). If a
   * newer change landed meanwhile, `reapply` names it: its job must run again.
   */
  kind: 'ok' | 'lock-lost';
  reapply?: string | undefined;
  finalized: Finalized;
}

export interface SequenceGuard {
  begin(write: GuardedWrite, lockMs: number): Promise<GuardDecision>;
  /** Records the write and marks the target done with `state`. */
  release(write: GuardedWrite, token: string, state: TargetState): Promise<ReleaseResult>;
  /** Releases without recording a write (the write failed). */
  abort(write: GuardedWrite, token: string): Promise<void>;
}

/** The guard, on `redis`; marks live `markSeconds` (longer than any job can wait). */
export const createSequenceGuard = (redis: Redis, keys: SyncKeys, markSeconds: number): SequenceGuard => ({
  async begin(write, lockMs) {
    const token = `${write.changeId}:${randomBytes(9).toString('base64url')}`;
    const answer = (await beginScript(
      redis,
      [keys.lock(write.target, write.login), keys.applied(write.target, write.login), keys.queued(write.target, write.login), keys.change(write.changeId), keys.payload(write.changeId)],
      [token, lockMs, write.changeId, write.target, write.sequence, write.attempts, write.reapply ? '1' : '0'],
    )) as string[];
    const [kind, first = '', second = ''] = answer;
    if (kind === 'gone' || kind === 'busy') return { kind };
    if (kind === 'final') return { kind, state: JSON.parse(first) as TargetState };
    if (kind === 'skip') {
      const appliedSequence = Number(first);
      return { kind, appliedSequence, queuedSequence: Number(second), alreadyApplied: appliedSequence === write.sequence };
    }
    return { kind: 'write', token, sealed: first || undefined, previous: JSON.parse(second) as TargetState };
  },
  async release(write, token, state) {
    const now = state.at ?? Date.now();
    const [status, reapply, allFinal, allDone] = (await releaseScript(
      redis,
      [keys.lock(write.target, write.login), keys.applied(write.target, write.login), ...finalizeKeys(keys, write.changeId, write.target)],
      [token, write.sequence, write.changeId, markSeconds, write.target, JSON.stringify(state), now, now - 86_400_000],
    )) as [number, string, number, number];
    return {
      kind: status === 1 ? 'ok' : 'lock-lost',
      reapply: status === -2 && reapply ? reapply : undefined,
      finalized: { allFinal: allFinal === 1, payloadDeleted: allDone === 1 },
    };
  },
  async abort(write, token) {
    await unlockScript(redis, [keys.lock(write.target, write.login)], [token]);
  },
});
