/**
 * @module sync/keys
 * Where the sync engine keeps things in Redis, in one place. Every key starts with the configured
 * `redis.keyPrefix`; Lua scripts touch several of them at once, so on Redis Cluster the prefix must
 * be a hash tag (`{passerelle}`) to keep them in one slot. BullMQ's queues live under `<prefix>:q`.
 *
 * Logins are case-folded and URI-encoded in key names: `JDupont` and `jdupont` are one person for
 * LDAP, and a login may hold `:` or spaces.
 */

/** The part of a key that names a login. */
export const loginKey = (login: string): string => encodeURIComponent(login.normalize('NFC').toLowerCase());

export interface SyncKeys {
  /** BullMQ's `prefix` option. */
  readonly queuePrefix: string;
  /** Per-login sequence counter (INCR at intent time). */
  sequence(login: string): string;
  /** HASH: one change (login, sequence, times, targets and each one's state). No secret. */
  change(id: string): string;
  /** STRING: the sealed password of one change; gone once every target is done. */
  payload(id: string): string;
  /** ZSET id → created ms: intents not yet turned into jobs (the recovery sweep reads it). */
  readonly intents: string;
  /** ZSET id → created ms: committed changes with a target not yet final (the deadline watch reads it). */
  readonly open: string;
  /** ZSET id → created ms: a person's recent changes. */
  person(login: string): string;
  /** Per (target, login): sequence last written to the target. */
  applied(target: string, login: string): string;
  /** Per (target, login): highest sequence committed for the target (older pending jobs are superseded). */
  queued(target: string, login: string): string;
  /** Per (target, login): the write lock (token, PX). */
  lock(target: string, login: string): string;
  /** ZSET id → created ms: changes still pending on this target (oldest pending age). */
  pending(target: string): string;
  /** ZSET "<id>|<outcome>" → finished ms, the last day of outcomes (console counts, success rate). */
  outcomes(target: string): string;
  /** STRING JSON: the last error met on this target. */
  lastError(target: string): string;
  /**
   * Per login: held from the intent to the commit (or abandon), so that two changes of one login
   * reach the primary in the order of their sequence numbers.
   */
  changing(login: string): string;
  /** Claim of one intent by one sweeper, so that two instances do not check it twice at once. */
  sweepClaim(id: string): string;
}

export const syncKeys = (keyPrefix: string): SyncKeys => {
  const p = `${keyPrefix}:sync`;
  return {
    queuePrefix: `${keyPrefix}:q`,
    sequence: (login) => `${p}:seq:${loginKey(login)}`,
    change: (id) => `${p}:change:${id}`,
    payload: (id) => `${p}:payload:${id}`,
    intents: `${p}:intents`,
    open: `${p}:open`,
    person: (login) => `${p}:person:${loginKey(login)}`,
    applied: (target, login) => `${p}:t:${target}:applied:${loginKey(login)}`,
    queued: (target, login) => `${p}:t:${target}:queued:${loginKey(login)}`,
    lock: (target, login) => `${p}:t:${target}:lock:${loginKey(login)}`,
    pending: (target) => `${p}:t:${target}:pending`,
    outcomes: (target) => `${p}:t:${target}:outcomes`,
    lastError: (target) => `${p}:t:${target}:last-error`,
    changing: (login) => `${p}:changing:${loginKey(login)}`,
    sweepClaim: (id) => `${p}:sweep:${id}`,
  };
};

/** BullMQ queue name of a target (queue names may not hold `:`). */
export const queueName = (target: string): string => `sync-${target}`;
