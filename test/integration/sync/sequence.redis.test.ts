/**
 * The newest-wins guard on a real Redis (its Lua scripts are the guarantee): a job older than the
 * last write or than the newest queued change does not write; two changes of one login never
 * write at the same time; a run of the same change may take over its own lock (killed worker);
 * a write that outlived its lock asks for the newer change to be written again.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncKeys } from '../../../src/sync/keys.ts';
import { createSequenceGuard, type SequenceGuard } from '../../../src/sync/sequence.ts';
import { startRedis, type RedisHandle } from '../../harness/index.ts';

let server: RedisHandle;
let redis: Redis;
let guard: SequenceGuard;
const keys = syncKeys('guard-test');
let n = 0;
const login = () => `Jdupont-${(n += 1)}`;

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.url);
  guard = createSequenceGuard(redis, keys, 3600);
});
afterAll(async () => {
  redis?.disconnect();
  await server?.destroy();
});

/** Runs change (sequence, id) the way the worker does; returns what happened. */
const run = async (who: string, sequence: number, id: string) => {
  const decision = await guard.begin('t', who, sequence, id, 5000);
  if (decision.kind !== 'write') return decision.kind;
  const released = await guard.release('t', who, decision.token, sequence, id);
  return released.kind === 'ok' ? 'written' : 'lock-lost';
};

describe('newest wins on one (target, login)', () => {
  it('writes changes in order, and skips a retry of an older change once a newer one landed', async () => {
    const who = login();
    expect(await run(who, 1, 'c1')).toBe('written');
    expect(await run(who, 2, 'c2')).toBe('written');
    // Change 1's retry after its backoff: change 2 is already there.
    expect(await guard.begin('t', who, 1, 'c1', 5000)).toMatchObject({ kind: 'skip', appliedSequence: 2, alreadyApplied: false });
    // The same change again (worker killed after writing, before recording): done, no write.
    expect(await guard.begin('t', who, 2, 'c2', 5000)).toMatchObject({ kind: 'skip', alreadyApplied: true });
  });

  it('supersedes a pending older change once a newer one is queued for the target', async () => {
    const who = login();
    await redis.set(keys.queued('t', who), '5');
    expect(await guard.begin('t', who, 4, 'c4', 5000)).toMatchObject({ kind: 'skip', queuedSequence: 5 });
    expect((await guard.begin('t', who, 5, 'c5', 5000)).kind).toBe('write');
  });

  it('treats logins case-insensitively', async () => {
    const who = login();
    expect(await run(who, 3, 'c3')).toBe('written');
    expect((await guard.begin('t', who.toLowerCase(), 2, 'c2', 5000)).kind).toBe('skip');
  });

  it('never lets two changes of one login write at once, but lets a change take over its own lock', async () => {
    const who = login();
    const first = await guard.begin('t', who, 1, 'c1', 5000);
    expect(first.kind).toBe('write');
    expect((await guard.begin('t', who, 2, 'c2', 5000)).kind).toBe('busy');
    // Another target, or another login, is not blocked.
    expect((await guard.begin('other', who, 2, 'c2', 5000)).kind).toBe('write');
    // A new run of change 1 (its worker was killed mid-write) takes over.
    const again = await guard.begin('t', who, 1, 'c1', 5000);
    expect(again.kind).toBe('write');
    // The dead run's token no longer releases anything; the live one does.
    if (first.kind !== 'write' || again.kind !== 'write') throw new Error('unreachable');
    await guard.abort('t', who, first.token);
    expect((await guard.begin('t', who, 2, 'c2', 5000)).kind).toBe('busy');
    expect(await guard.release('t', who, again.token, 1, 'c1')).toEqual({ kind: 'ok' });
    expect(await run(who, 2, 'c2')).toBe('written');
  });

  it('asks for the newer change to be written again when an older write outlived its lock', async () => {
    const who = login();
    const slow = await guard.begin('t', who, 1, 'c1', 50);
    if (slow.kind !== 'write') throw new Error(`expected write, got ${slow.kind}`);
    await new Promise((resolve) => setTimeout(resolve, 120));
    // Meanwhile change 2 took the expired lock and landed.
    expect(await run(who, 2, 'c2')).toBe('written');
    // Change 1's slow write ends after it: the target may now hold the older password.
    expect(await guard.release('t', who, slow.token, 1, 'c1')).toEqual({ kind: 'lock-lost', reapply: 'c2' });
    // The mark now says change 1, so that change 2's new job will write.
    expect((await guard.begin('t', who, 2, 'c2', 5000)).kind).toBe('write');
  });
});
