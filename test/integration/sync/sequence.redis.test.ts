/**
 * The newest-wins guard on a real Redis (its Lua scripts are the guarantee): a job older than the
 * last write or than the newest queued change does not write; two changes of one login never
 * write at the same time; a run of the same change may take over its own lock (killed worker);
 * a write that outlived its lock asks for the newer change to be written again.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntent, lifetimesOf, readChange } from '../../../src/sync/changes.ts';
import { syncKeys } from '../../../src/sync/keys.ts';
import { createSequenceGuard, type GuardedWrite, type SequenceGuard } from '../../../src/sync/sequence.ts';
import { startRedis, type RedisHandle } from '../../harness/index.ts';

let server: RedisHandle;
let redis: Redis;
let guard: SequenceGuard;
const keys = syncKeys('guard-test');
let n = 0;

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.url);
  guard = createSequenceGuard(redis, keys, 3600);
});
afterAll(async () => {
  redis?.disconnect();
  await server?.destroy();
});

/** A change of `login` for targets t and other, as the engine writes it before the primary write. */
const intent = async (login: string): Promise<GuardedWrite> => {
  const changeId = `cTest${(n += 1).toString().padStart(12, '0')}`;
  const now = Date.now();
  const sequence = await createIntent(
    redis,
    keys,
    { id: changeId, login, dn: `uid=${login}`, route: 'change', targets: ['t', 'other'], createdAt: now, deadline: now + 1_800_000, sealed: 'v1.test.sealed' },
    lifetimesOf({ historyDays: 1, payloadTtlHours: 1 }),
  );
  return { target: 't', login, sequence, changeId, attempts: 1 };
};

/** One run of the job the way the worker does it: write when told to, record it. */
const run = async (write: GuardedWrite) => {
  const decision = await guard.begin(write, 5000);
  if (decision.kind !== 'write') return decision.kind;
  const released = await guard.release(write, decision.token, { state: 'done', attempts: write.attempts, at: Date.now() });
  return released.kind === 'ok' ? 'written' : 'lock-lost';
};

describe('newest wins on one (target, login)', () => {
  it('skips the retry of an older change once a newer one landed', async () => {
    const login = `jdupont${n}`;
    const one = await intent(login);
    const two = await intent(login);
    expect([one.sequence, two.sequence]).toEqual([1, 2]);
    // Change 1's first attempt fails (the write throws): the lock is given back, nothing recorded.
    const first = await guard.begin(one, 5000);
    expect(first).toMatchObject({ kind: 'write', sealed: 'v1.test.sealed' });
    if (first.kind === 'write') await guard.abort(one, first.token);
    expect(await run(two)).toBe('written');
    // Change 1's retry after its backoff: change 2 is already there.
    expect(await guard.begin({ ...one, attempts: 2 }, 5000)).toMatchObject({ kind: 'skip', appliedSequence: 2, alreadyApplied: false });
    // Change 2's state is done, and the attempt was recorded on the change.
    expect((await readChange(redis, keys, two.changeId))?.states.t).toMatchObject({ state: 'done', attempts: 1 });
    // A duplicate run of change 2 does nothing; a re-application of it is told it is already there.
    expect((await guard.begin(two, 5000)).kind).toBe('final');
    expect(await guard.begin({ ...two, reapply: true }, 5000)).toMatchObject({ kind: 'skip', alreadyApplied: true });
  });

  it('supersedes a pending older change once a newer one is queued for the target', async () => {
    const login = `jdupont${n}`;
    const four = await intent(login);
    await redis.set(keys.queued('t', login), String(four.sequence + 1));
    expect(await guard.begin(four, 5000)).toMatchObject({ kind: 'skip', queuedSequence: four.sequence + 1 });
    const five = await intent(login);
    expect(await run(five)).toBe('written');
  });

  it('treats logins case-insensitively', async () => {
    const login = `JDupont${n}`;
    const one = await intent(login);
    const two = await intent(login.toLowerCase());
    expect(two.sequence).toBe(2);
    expect(await run(two)).toBe('written');
    expect((await guard.begin(one, 5000)).kind).toBe('skip');
  });

  it('never lets two changes of one login write at once, but lets a change take over its own lock', async () => {
    const login = `jdupont${n}`;
    const one = await intent(login);
    const two = await intent(login);
    const first = await guard.begin(one, 5000);
    expect(first.kind).toBe('write');
    expect((await guard.begin(two, 5000)).kind).toBe('busy');
    // Another target is not blocked.
    expect((await guard.begin({ ...two, target: 'other' }, 5000)).kind).toBe('write');
    // A new run of change 1 (its worker was killed mid-write) takes over.
    const again = await guard.begin(one, 5000);
    expect(again.kind).toBe('write');
    if (first.kind !== 'write' || again.kind !== 'write') throw new Error('unreachable');
    // The dead run's token no longer releases anything; the live one does.
    await guard.abort(one, first.token);
    expect((await guard.begin(two, 5000)).kind).toBe('busy');
    expect((await guard.release(one, again.token, { state: 'done', attempts: 1, at: Date.now() })).kind).toBe('ok');
    expect(await run(two)).toBe('written');
  });

  it('asks for the newer change to be written again when an older write outlived its lock', async () => {
    const login = `jdupont${n}`;
    const one = await intent(login);
    const two = await intent(login);
    const slow = await guard.begin(one, 50);
    if (slow.kind !== 'write') throw new Error(`expected write, got ${slow.kind}`);
    await new Promise((resolve) => setTimeout(resolve, 120));
    // Meanwhile change 2 took the expired lock and landed.
    expect(await run(two)).toBe('written');
    // Change 1's slow write ends after it: the target may now hold the older password.
    expect(await guard.release(one, slow.token, { state: 'done', attempts: 1, at: Date.now() })).toMatchObject({ kind: 'lock-lost', reapply: two.changeId });
    // The mark now says change 1, so that change 2, written again, lands.
    expect((await guard.begin({ ...two, reapply: true }, 5000)).kind).toBe('write');
  });

  it('says so when the change record is gone', async () => {
    expect((await guard.begin({ target: 't', login: 'nobody', sequence: 1, changeId: 'cGone00000000000', attempts: 1 }, 5000)).kind).toBe('gone');
  });
});
