/**
 * A target down, then back: the change waits in its queue (retried with backoff, shown as pending
 * with its reason, /readyz still ready with the target reported), and lands once the target
 * answers. While it waits, the deadline watch raises its alerts at the warning point and at the
 * promised deadline.
 */
import { register } from 'prom-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../../src/lib/logger.ts';
import { createDeadlineWatch } from '../../../src/sync/deadline.ts';
import { syncKeys } from '../../../src/sync/keys.ts';
import { canBind, createPerson, startSlapd, strongPassword, testConfig, type SlapdHandle } from '../../harness/index.ts';
import { makeApp, type TestApp } from '../support/app.ts';
import { acceptedChange } from './support/change.ts';
import { waitForStatus } from './support/status.ts';
import { createTargetEntry, fastSync, ldapTarget } from './support/targets.ts';
import { Redis } from 'ioredis';
import { Writable } from 'node:stream';

let target: SlapdHandle;
let app: TestApp;
const primary = () => inject('servers').slapd;

beforeAll(async () => {
  target = await startSlapd();
  app = await makeApp(testConfig({ slapd: primary(), redis: inject('servers').redis }, { sync: { ...fastSync, inProcessWorker: true, targets: [ldapTarget(target)] } }), { keep: true });
});
afterAll(async () => {
  await app?.close();
  await target?.destroy();
});

describe('a target down, then back', () => {
  it('keeps retrying while it is down, and delivers once it is back', async () => {
    const person = await createPerson(primary());
    const dn = await createTargetEntry(target, person.login);
    const newPassword = strongPassword();
    await target.stop();
    let ref: string;
    try {
      ({ ref } = await acceptedChange(app, person.login, person.password, newPassword));
      const waiting = await waitForStatus(app, ref, (b) => (b.targets[0]?.attempts ?? 0) >= 3);
      expect(waiting.targets[0]).toMatchObject({ state: 'pending', reason: 'unavailable' });
      // A target down never makes the portal unready; operators see which one.
      const ready = await app.get('/readyz');
      const body = (await ready.json()) as { checks: { name: string; ok: boolean; optional?: boolean; detail?: string }[] };
      expect(ready.status).toBe(200);
      expect(body.checks.find((c) => c.name === 'sync-target:annuaire-pedago')).toMatchObject({ ok: false, optional: true });

      // Meanwhile the deadline watch, with its clock moved forward, raises its alerts once each.
      const lines: string[] = [];
      const logger = createLogger({ level: 'info' }, new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) }));
      const redis = new Redis(app.config.redis.url);
      try {
        const watch = (minutes: number) =>
          createDeadlineWatch({ sync: app.config.sync, redis, keys: syncKeys(app.config.redis.keyPrefix), logger, now: () => Date.now() + minutes * 60_000 });
        expect(await watch(21).runOnce()).toMatchObject({ warnings: 1, missed: 0 });
        expect(await watch(22).runOnce()).toMatchObject({ warnings: 0, missed: 0 });
        expect(await watch(31).runOnce()).toMatchObject({ warnings: 0, missed: 1 });
      } finally {
        redis.disconnect();
      }
      expect(lines.join('')).toMatch(/"level":50.*"target":"annuaire-pedago".*"login":"[^"]+".*still pending past the warning point/);
      expect(lines.join('')).toMatch(/missed the promised deadline/);
      expect(await register.metrics()).toMatch(/passerelle_sync_deadline_breaches_total\{target="annuaire-pedago",level="missed"\} 1/);
      const [history] = await app.runtime.services.syncAdmin!.personChanges(person.login);
      expect(history?.targets[0]).toMatchObject({ name: 'annuaire-pedago', state: 'pending', warnedAt: expect.any(String), missedAt: expect.any(String) });
    } finally {
      await target.start();
    }
    const final = await waitForStatus(app, ref);
    expect(final.targets[0]).toMatchObject({ state: 'done' });
    expect(final.targets[0]!.attempts).toBeGreaterThanOrEqual(3);
    expect(await canBind(target.url, dn, newPassword, target.caFile)).toBe(true);
  });
});
