/**
 * @module sync/sequence
 * Newest wins, per (target, login). Each change of a login carries a sequence number (INCR at
 * intent time). Around each write to a target, under a per-(target, login) lock:
 * - before: a job whose sequence is not above the last applied one, or below the highest
 *   committed one, does not write (a newer password is there, or on its way);
 * - after: the applied mark moves up, and the lock is released, both only by the lock's holder.
 * Retries reorder jobs (change 1 waits for its backoff while change 2 lands); this is what stops
 * change 1's retry from landing afterwards. Supersede by "highest committed" only saves writes.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { SyncKeys } from './keys.ts';
import { defineScript } from './scripts.ts';

/** Parses "<sequence>|<changeId>" as stored in the applied mark. */
const parseMark = (raw: string | null | undefined): { sequence: number; changeId: string } => {
  if (!raw) return { sequence: 0, changeId: '' };
  const [sequence, changeId = ''] = raw.split('|');
  return { sequence: Number(sequence) || 0, changeId };
};

/**
 * Takes the lock unless another change holds it. The same change may take it over: BullMQ only
 * runs a job again once its previous run stopped renewing its lock (killed worker), and two runs
 * of one change write the same password, which is harmless.
 */
const acquireScript = defineScript(
  'sync_guard_acquire',
  `local holder = redis.call('GET', KEYS[1])
if holder and string.sub(holder, 1, #ARGV[3] + 1) ~= ARGV[3] .. ':' then return {0, '', ''} end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return {1, redis.call('GET', KEYS[2]) or '', redis.call('GET', KEYS[3]) or ''}`,
  3,
);

const releaseAfterWriteScript = defineScript(
  'sync_guard_release',
  `local mark = ARGV[2] .. '|' .. ARGV[3]
local current = redis.call('GET', KEYS[2]) or '0|'
local sep = string.find(current, '|', 1, true)
local currentSeq = tonumber(string.sub(current, 1, sep - 1)) or 0
local currentId = string.sub(current, sep + 1)
local seq = tonumber(ARGV[2])
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  if seq > currentSeq then redis.call('SET', KEYS[2], mark, 'EX', ARGV[4]) end
  return {1, ''}
end
redis.call('SET', KEYS[2], mark, 'EX', ARGV[4])
if seq >= currentSeq then return {-1, ''} end
return {-2, currentId}`,
  2,
);

const releaseScript = defineScript(
  'sync_guard_unlock',
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
  1,
);

export type GuardDecision =
  /** Another job of the same (target, login) is writing: come back shortly. */
  | { kind: 'busy' }
  /** A newer (or this very) change is already on the target, or a newer one is committed: do not write. */
  | { kind: 'skip'; appliedSequence: number; queuedSequence: number; alreadyApplied: boolean }
  /** Write, then call `release`. */
  | { kind: 'write'; token: string };

export type ReleaseResult =
  | { kind: 'ok' }
  /**
   * The lock expired during the write (it outlived the target's timeout). If a newer change
   * landed meanwhile, ours may have overwritten it: `reapply` names that change, whose job must
   * run again; the applied mark now says ours, so that it will.
   */
  | { kind: 'lock-lost'; reapply?: string | undefined };

export interface SequenceGuard {
  begin(target: string, login: string, sequence: number, changeId: string, lockMs: number): Promise<GuardDecision>;
  release(target: string, login: string, token: string, sequence: number, changeId: string): Promise<ReleaseResult>;
  /** Releases without recording a write (the write failed). */
  abort(target: string, login: string, token: string): Promise<void>;
}

/** The guard, on `redis`; marks live `markSeconds` (longer than any job can wait). */
export const createSequenceGuard = (redis: Redis, keys: SyncKeys, markSeconds: number): SequenceGuard => ({
  async begin(target, login, sequence, changeId, lockMs) {
    const token = `${changeId}:${randomBytes(9).toString('base64url')}`;
    const [ok, appliedRaw, queuedRaw] = (await acquireScript(redis, [keys.lock(target, login), keys.applied(target, login), keys.queued(target, login)], [
      token,
      lockMs,
      changeId,
    ])) as [number, string, string];
    if (ok !== 1) return { kind: 'busy' };
    const applied = parseMark(appliedRaw);
    const queuedSequence = Number(queuedRaw) || 0;
    if (applied.sequence >= sequence || queuedSequence > sequence) {
      await releaseScript(redis, [keys.lock(target, login)], [token]);
      return { kind: 'skip', appliedSequence: applied.sequence, queuedSequence, alreadyApplied: applied.sequence === sequence };
    }
    return { kind: 'write', token };
  },
  async release(target, login, token, sequence, changeId) {
    const [status, reapply] = (await releaseAfterWriteScript(redis, [keys.lock(target, login), keys.applied(target, login)], [
      token,
      sequence,
      changeId,
      markSeconds,
    ])) as [number, string];
    if (status === 1) return { kind: 'ok' };
    return { kind: 'lock-lost', reapply: status === -2 && reapply ? reapply : undefined };
  },
  async abort(target, login, token) {
    await releaseScript(redis, [keys.lock(target, login)], [token]);
  },
});
