/**
 * Redis failing: stopped at the moment of a change (503, nothing written anywhere), and killed
 * while jobs are pending, then restarted from its append-only file (nothing lost).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { canBind, createPerson, startRedis, startSlapd, strongPassword, testConfig, type RedisHandle, type SlapdHandle } from '../../harness/index.ts';
import { makeApp, type TestApp } from '../support/app.ts';
import { acceptedChange, changePassword } from './support/change.ts';
import { eventually, waitForStatus } from './support/status.ts';
import { createTargetEntry, fastSync, ldapTarget } from './support/targets.ts';

let redis: RedisHandle;
let target: SlapdHandle;
let app: TestApp;
const primary = () => inject('servers').slapd;

beforeAll(async () => {
  [redis, target] = await Promise.all([startRedis({ appendonly: true }), startSlapd()]);
  app = await makeApp(
    testConfig({ slapd: primary(), redis: redis.info() }, { redis: { commandTimeoutMs: 500 }, sync: { ...fastSync, inProcessWorker: true, targets: [ldapTarget(target)] } }),
    { keep: true },
  );
});
afterAll(async () => {
  await app?.close();
  await Promise.all([redis?.destroy(), target?.destroy()]);
});

/** Redis is back and the app's connections with it. */
const redisAnswers = () => eventually('Redis to answer the app again', async () => (await app.get('/readyz')).status === 200, 15_000);

describe('Redis stopped at the moment of a change', () => {
  it('refuses the change with a 503 « réessayez », and writes neither the primary nor any target', async () => {
    const person = await createPerson(primary());
    const dn = await createTargetEntry(target, person.login, person.password);
    const newPassword = strongPassword();
    await redis.stop();
    try {
      const started = performance.now();
      const { status, body } = await changePassword(app, person.login, person.password, newPassword);
      expect(status).toBe(503);
      expect(body.error?.code).toBe('unavailable');
      expect(performance.now() - started).toBeLessThan(3000);
    } finally {
      await redis.start();
    }
    expect(await canBind(primary().url, person.dn, person.password, primary().caFile)).toBe(true);
    expect(await canBind(primary().url, person.dn, newPassword, primary().caFile)).toBe(false);
    expect(await canBind(target.url, dn, person.password, target.caFile)).toBe(true);

    // Once Redis is back, the same change goes through and reaches the target.
    await redisAnswers();
    const { ref } = await acceptedChange(app, person.login, person.password, newPassword);
    await waitForStatus(app, ref);
    expect(await canBind(target.url, dn, newPassword, target.caFile)).toBe(true);
  });
});

describe('Redis killed while jobs are pending, restarted with its append-only file', () => {
  it('loses nothing: every pending change reaches the target afterwards', async () => {
    const admin = app.runtime.services.syncAdmin!;
    await admin.pause('annuaire-pedago');
    const changes = await Promise.all(
      [1, 2, 3].map(async () => {
        const person = await createPerson(primary());
        const dn = await createTargetEntry(target, person.login);
        const newPassword = strongPassword();
        const { ref } = await acceptedChange(app, person.login, person.password, newPassword);
        return { dn, newPassword, ref };
      }),
    );
    const [pending] = await admin.overview();
    expect(pending?.counts.waiting).toBe(3);
    expect(pending?.paused).toBe(true);
    // appendfsync everysec: what is older than a second is on disk; then a crash, not a clean stop.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await redis.kill();
    await redis.start();
    await redisAnswers();
    await eventually('the queue to be resumed', () => admin.resume('annuaire-pedago').then(() => true, () => false));
    for (const { dn, newPassword, ref } of changes) {
      const final = await waitForStatus(app, ref);
      expect(final.targets[0]?.state).toBe('done');
      expect(await canBind(target.url, dn, newPassword, target.caFile)).toBe(true);
    }
  });
});
