/**
 * @module sync/changes
 * The record of one change in Redis and the scripts that move it along: intent (before the
 * primary write), commit (after it), each target's attempts and final state, and the deletion of
 * the sealed password once every target is done. Records hold no secret: login, sequence, times,
 * target names, attempts and error text. The sealed password lives in its own key.
 */
import type { Redis } from 'ioredis';
import type { TargetState } from '../ports/sync-admin.ts';
import type { ChangeRoute } from '../ports/sync.ts';
import type { SyncKeys } from './keys.ts';
import { defineScript } from '../adapters/redis/script.ts';

export type { TargetState };
export type TargetStateName = TargetState['state'];
/** States after which nothing more happens to a target unless a sysadmin retries it. */
export const FINAL_STATES: ReadonlySet<TargetStateName> = new Set(['done', 'failed', 'superseded', 'discarded']);

export interface ChangeRecord {
  id: string;
  login: string;
  sequence: number;
  route: ChangeRoute;
  createdAt: number;
  deadline: number;
  targets: string[];
  phase: 'intent' | 'committed';
  /** Primary entry DN; kept only while an intent (the recovery sweep binds with it). */
  dn?: string | undefined;
  states: Record<string, TargetState>;
  /** When the warning point / the deadline was reported, per target. */
  warnedAt: Record<string, number>;
  missedAt: Record<string, number>;
}

export interface Lifetimes {
  /** Change record and a person's index (s). */
  historySeconds: number;
  /** Sealed password (s). */
  payloadSeconds: number;
  /** Per-login sequence (s): longer than anything that compares sequences. */
  sequenceSeconds: number;
  /** Per-(target, login) applied / queued marks (s): longer than any job can live. */
  markSeconds: number;
}

/** Lifetimes derived from the `sync` config. */
export const lifetimesOf = (sync: { historyDays: number; payloadTtlHours: number }): Lifetimes => ({
  historySeconds: sync.historyDays * 86_400,
  payloadSeconds: sync.payloadTtlHours * 3_600,
  sequenceSeconds: Math.max(400, sync.historyDays + 1) * 86_400,
  // A job can wait at most as long as its password is kept: a day more is enough.
  markSeconds: sync.payloadTtlHours * 3_600 + 86_400,
});

/** Associated data of a sealed password: it opens only as the payload of that change. */
export const payloadAad = (id: string): string => `sync-payload:${id}`;

/** People's change history keeps this many entries. */
const PERSON_HISTORY = 20;

const PENDING: TargetState = { state: 'pending', attempts: 0 };

const createIntentScript = defineScript(
  'sync_create_intent',
  `local seq = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[7])
redis.call('HSET', KEYS[2], 'login', ARGV[8], 'sequence', seq, 'route', ARGV[9], 'createdAt', ARGV[2],
  'deadline', ARGV[10], 'targets', ARGV[11], 'phase', 'intent', 'dn', ARGV[12])
for _, name in ipairs(cjson.decode(ARGV[11])) do redis.call('HSET', KEYS[2], 't:' .. name, ARGV[13]) end
redis.call('EXPIRE', KEYS[2], ARGV[5])
redis.call('SET', KEYS[3], ARGV[3], 'EX', ARGV[4])
redis.call('ZADD', KEYS[4], ARGV[2], ARGV[1])
redis.call('ZADD', KEYS[5], ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYRANK', KEYS[5], 0, -(tonumber(ARGV[6]) + 1))
redis.call('EXPIRE', KEYS[5], ARGV[5])
return seq`,
  5,
);

export interface NewIntent {
  id: string;
  login: string;
  dn: string;
  route: ChangeRoute;
  targets: string[];
  createdAt: number;
  deadline: number;
  /** The password, already sealed. */
  sealed: string;
}

/** Writes the intent (record, sealed password, indexes) and returns the login's new sequence. */
export const createIntent = async (redis: Redis, keys: SyncKeys, intent: NewIntent, life: Lifetimes): Promise<number> =>
  Number(
    await createIntentScript(
      redis,
      [keys.sequence(intent.login), keys.change(intent.id), keys.payload(intent.id), keys.intents, keys.person(intent.login)],
      [
        intent.id, intent.createdAt, intent.sealed, life.payloadSeconds, life.historySeconds, PERSON_HISTORY, life.sequenceSeconds,
        intent.login, intent.route, intent.deadline, JSON.stringify(intent.targets), intent.dn, JSON.stringify(PENDING),
      ],
    ),
  );

const dropIntentScript = defineScript(
  'sync_drop_intent',
  `if redis.call('HGET', KEYS[1], 'phase') ~= 'intent' then return 0 end
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
return 1`,
  4,
);

/** Forgets an intent that never became a change (primary refused, or the sweep found it was not written). Never touches a committed change. */
export const dropIntent = async (redis: Redis, keys: SyncKeys, id: string, login: string): Promise<boolean> =>
  Number(await dropIntentScript(redis, [keys.change(id), keys.payload(id), keys.intents, keys.person(login)], [id])) === 1;

const commitMarksScript = defineScript(
  'sync_commit_marks',
  `if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local n = (#KEYS - 2) / 2
for i = 1, n do
  local name = ARGV[4 + i]
  local raw = redis.call('HGET', KEYS[1], 't:' .. name)
  if raw and cjson.decode(raw).state == 'pending' then redis.call('ZADD', KEYS[1 + 2 * i], ARGV[2], ARGV[1]) end
  local queued = tonumber(redis.call('GET', KEYS[2 + 2 * i]) or '0')
  if tonumber(ARGV[3]) > queued then redis.call('SET', KEYS[2 + 2 * i], ARGV[3], 'EX', ARGV[4])
  else redis.call('EXPIRE', KEYS[2 + 2 * i], ARGV[4]) end
end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
return 1`,
);

/**
 * First half of a commit, before the jobs exist: the change joins the open and per-target pending
 * indexes, and each target's "highest committed sequence" moves up (older pending jobs of the
 * login are then superseded). False when the record is gone.
 */
export const markCommitting = async (redis: Redis, keys: SyncKeys, change: ChangeRecord, life: Lifetimes): Promise<boolean> => {
  const targetKeys = change.targets.flatMap((name) => [keys.pending(name), keys.queued(name, change.login)]);
  const result = await commitMarksScript(redis, [keys.change(change.id), keys.open, ...targetKeys], [
    change.id, change.createdAt, change.sequence, life.markSeconds, ...change.targets,
  ]);
  return Number(result) === 1;
};

const committedScript = defineScript(
  'sync_committed',
  `if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'phase', 'committed')
redis.call('HDEL', KEYS[1], 'dn')
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[2])
return 1`,
  3,
);

/** Second half, once every job exists: the intent is a change (out of the sweep's index, DN forgotten). */
export const markCommitted = async (redis: Redis, keys: SyncKeys, id: string, life: Lifetimes): Promise<void> => {
  await committedScript(redis, [keys.change(id), keys.payload(id), keys.intents], [id, life.payloadSeconds]);
};

const attemptScript = defineScript(
  'sync_attempt',
  `local raw = redis.call('HGET', KEYS[1], 't:' .. ARGV[1])
if not raw then return 0 end
local current = cjson.decode(raw)
if current.state ~= 'pending' then return 0 end
redis.call('HSET', KEYS[1], 't:' .. ARGV[1], ARGV[2])
return 1`,
  1,
);

/** Records an attempt on a still-pending target (attempt count, last error); a final state is left alone. */
export const recordAttempt = async (redis: Redis, keys: SyncKeys, id: string, target: string, state: TargetState): Promise<void> => {
  await attemptScript(redis, [keys.change(id)], [target, JSON.stringify(state)]);
};

/**
 * Lua: sets one target's final state, takes the change out of the target's pending index, counts
 * the outcome, and once no target is pending (resp. none can need the password again) takes the
 * change out of the open index (resp. deletes the sealed password). `k` = change, payload, open,
 * pending, outcomes keys. Shared with the guard's release script (sync/sequence), which finalizes
 * in the same step as it records the write.
 */
export const FINALIZE_LUA = `local function finalize(k, id, target, stateJson, outcome, now, dayAgo)
  redis.call('ZREM', k[4], id)
  redis.call('ZADD', k[5], now, id .. '|' .. outcome)
  redis.call('ZREMRANGEBYSCORE', k[5], '-inf', dayAgo)
  if redis.call('EXISTS', k[1]) == 0 then
    redis.call('DEL', k[2])
    redis.call('ZREM', k[3], id)
    return {1, 1}
  end
  redis.call('HSET', k[1], 't:' .. target, stateJson)
  local allFinal, allDone = 1, 1
  for _, name in ipairs(cjson.decode(redis.call('HGET', k[1], 'targets'))) do
    local raw = redis.call('HGET', k[1], 't:' .. name)
    local state = raw and cjson.decode(raw).state or 'pending'
    if state == 'pending' then allFinal = 0 allDone = 0 elseif state == 'failed' then allDone = 0 end
  end
  if allFinal == 1 then redis.call('ZREM', k[3], id) end
  if allDone == 1 then redis.call('DEL', k[2]) end
  return {allFinal, allDone}
end
`;

/** The keys FINALIZE_LUA works on, in its order. */
export const finalizeKeys = (keys: SyncKeys, id: string, target: string): string[] => [
  keys.change(id), keys.payload(id), keys.open, keys.pending(target), keys.outcomes(target),
];

const finalizeScript = defineScript(
  'sync_finalize',
  `${FINALIZE_LUA}return finalize({KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]}, ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6])`,
  5,
);

/** What finalizing one target left behind. */
export interface Finalized {
  /** No target of the change is pending any more. */
  allFinal: boolean;
  /** Every target is done (or superseded / discarded): the sealed password was deleted. */
  payloadDeleted: boolean;
}

/** Sets a target's final state; deletes the sealed password when no target can need it again. */
export const finalizeTarget = async (
  redis: Redis,
  keys: SyncKeys,
  id: string,
  target: string,
  state: TargetState,
  now = Date.now(),
): Promise<Finalized> => {
  const [allFinal, allDone] = (await finalizeScript(redis, finalizeKeys(keys, id, target), [
    id, target, JSON.stringify(state), state.state, now, now - 86_400_000,
  ])) as [number, number];
  return { allFinal: allFinal === 1, payloadDeleted: allDone === 1 };
};

const reopenScript = defineScript(
  'sync_reopen',
  `if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 't:' .. ARGV[2], ARGV[4])
redis.call('HDEL', KEYS[1], 'w:' .. ARGV[2], 'm:' .. ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[4], ARGV[3], ARGV[1])
return 1`,
  4,
);

/** A sysadmin's retry: the failed target is pending again. False when the sealed password is gone. */
export const reopenTarget = async (redis: Redis, keys: SyncKeys, change: ChangeRecord, target: string): Promise<boolean> =>
  Number(
    await reopenScript(redis, [keys.change(change.id), keys.payload(change.id), keys.open, keys.pending(target)], [
      change.id, target, change.createdAt, JSON.stringify({ ...PENDING, attempts: change.states[target]?.attempts ?? 0 }),
    ]),
  ) === 1;

const parseState = (raw: string | undefined): TargetState => {
  if (!raw) return { ...PENDING };
  try {
    return JSON.parse(raw) as TargetState;
  } catch {
    return { ...PENDING };
  }
};

/** Reads a change record; null when unknown or expired. */
export const readChange = async (redis: Redis, keys: SyncKeys, id: string): Promise<ChangeRecord | null> => {
  const hash = await redis.hgetall(keys.change(id));
  if (!hash.login || !hash.targets) return null;
  const targets = JSON.parse(hash.targets) as string[];
  const pick = (prefix: string) =>
    Object.fromEntries(targets.filter((name) => hash[`${prefix}${name}`]).map((name) => [name, Number(hash[`${prefix}${name}`])]));
  return {
    id,
    login: hash.login,
    sequence: Number(hash.sequence),
    route: hash.route as ChangeRoute,
    createdAt: Number(hash.createdAt),
    deadline: Number(hash.deadline),
    targets,
    phase: hash.phase === 'committed' ? 'committed' : 'intent',
    dn: hash.dn,
    states: Object.fromEntries(targets.map((name) => [name, parseState(hash[`t:${name}`])])),
    warnedAt: pick('w:'),
    missedAt: pick('m:'),
  };
};

/** Flags a target as past its warning point (`w`) or its deadline (`m`); true only for the first caller. */
export const flagLate = async (redis: Redis, keys: SyncKeys, id: string, target: string, level: 'w' | 'm', now = Date.now()): Promise<boolean> =>
  (await redis.hsetnx(keys.change(id), `${level}:${target}`, String(now))) === 1;
