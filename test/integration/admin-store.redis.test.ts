/**
 * The console's session store and the audit trail's search on the run's Redis, with a clock of
 * our own: idle and absolute timeouts, peek that does not renew, ids stored only as hashes;
 * per-login index (case-folded), kind and time filters, page cursor.
 */
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRedisAdminSessions } from '../../src/adapters/redis/admin-sessions.ts';
import { createRedisAuditLog } from '../../src/adapters/redis/audit-log.ts';
import { createLogger } from '../../src/lib/logger.ts';

const { redis: server } = inject('servers');
let redis: Redis;
const prefix = () => `passerelle-test-${randomBytes(4).toString('hex')}`;

beforeAll(() => {
  redis = new Redis(server.url);
});
afterAll(() => redis?.disconnect());

describe('console sessions in Redis', () => {
  const MIN = 60_000;
  const make = () => {
    let now = Date.now();
    const keyPrefix = prefix();
    const store = createRedisAdminSessions(redis, { keyPrefix, idleMs: 15 * MIN, absoluteMs: 60 * MIN, now: () => now });
    return { store, keyPrefix, advance: (ms: number) => (now += ms) };
  };

  it('keeps a session alive while used, until its absolute lifetime', async () => {
    const { store, advance } = make();
    const { id, session } = await store.create({ login: 'cfontaine', displayName: 'Claire Fontaine', role: 'sysadmin' });
    expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (let minutes = 10; minutes < 60; minutes += 10) {
      advance(10 * MIN);
      expect(await store.touch(id), `after ${minutes} min`).toMatchObject({ login: 'cfontaine', role: 'sysadmin', csrfToken: session.csrfToken });
    }
    advance(10 * MIN);
    expect(await store.touch(id)).toBeNull();
  });

  it('ends a session left idle; peeking does not count as activity', async () => {
    const { store, advance } = make();
    const { id } = await store.create({ login: 'mbenali', displayName: 'Mohamed Benali', role: 'helpdesk' });
    advance(10 * MIN);
    expect(await store.peek(id)).not.toBeNull();
    advance(5 * MIN);
    expect(await store.peek(id)).toBeNull();
    expect(await store.touch(id)).toBeNull();
  });

  it('stores no session id in clear, expires the key with the session, and forgets it at log-out', async () => {
    const { store, keyPrefix } = make();
    const { id } = await store.create({ login: 'cfontaine', displayName: 'Claire Fontaine', role: 'sysadmin' });
    const keys = await redis.keys(`${keyPrefix}:*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain(id);
    expect(await redis.get(keys[0]!)).not.toContain(id);
    const ttl = await redis.pttl(keys[0]!);
    expect(ttl).toBeGreaterThan(14 * MIN);
    expect(ttl).toBeLessThanOrEqual(15 * MIN);
    await store.destroy(id);
    expect(await store.touch(id)).toBeNull();
    expect(await store.touch('not-an-id')).toBeNull();
  });
});

describe('audit search', () => {
  const audit = () => createRedisAuditLog(redis, prefix(), 90, createLogger({ level: 'silent' }));

  it('finds a login’s events whatever its case, filtered by kind, one page after the other', async () => {
    const log = audit();
    for (let i = 0; i < 7; i += 1) await log.record({ kind: i % 2 ? 'password.changed' : 'password.change_failed', login: 'ÉLefèvre', detail: { i } });
    await log.record({ kind: 'password.changed', login: 'someone-else' });
    const all = await log.search({ login: 'élefèvre' });
    expect(all.map((e) => e.detail?.i)).toEqual([6, 5, 4, 3, 2, 1, 0]);
    const changed = await log.search({ login: 'ÉLEFÈVRE', kind: 'password.changed', limit: 2 });
    expect(changed.map((e) => e.detail?.i)).toEqual([5, 3]);
    const next = await log.search({ login: 'ÉLEFÈVRE', kind: 'password.changed', limit: 2, before: changed.at(-1)!.id });
    expect(next.map((e) => e.detail?.i)).toEqual([1]);
    expect((await log.search({ kind: 'password.changed' })).map((e) => e.login)).toEqual(['someone-else', 'ÉLefèvre', 'ÉLefèvre', 'ÉLefèvre']);
  });

  it('filters by time range', async () => {
    const log = audit();
    await log.record({ kind: 'lockout', login: 'x' });
    const at = new Date();
    expect(await log.search({ login: 'x', since: new Date(at.getTime() + 60_000) })).toEqual([]);
    expect(await log.search({ login: 'x', until: new Date(at.getTime() - 60_000) })).toEqual([]);
    expect(await log.search({ login: 'x', since: new Date(at.getTime() - 60_000), until: new Date(at.getTime() + 60_000) })).toHaveLength(1);
  });
});
