/**
 * The change flow when a server it needs is down: 503 with a « réessayez » message, nothing
 * written anywhere, and /readyz says which one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canBind, createPerson, startRedis, startSlapd, strongPassword, testConfig, type RedisHandle, type SlapdHandle } from '../harness/index.ts';
import { makeApp, type TestApp } from './support/app.ts';

let slapd: SlapdHandle;
let redis: RedisHandle;
let app: TestApp;

beforeAll(async () => {
  [slapd, redis] = await Promise.all([startSlapd(), startRedis()]);
  app = await makeApp(testConfig({ slapd: slapd.info(), redis: redis.info() }, { directory: { timeoutMs: 1500, connectTimeoutMs: 1000 }, redis: { commandTimeoutMs: 500 } }), { keep: true });
});
afterAll(async () => {
  await app?.close();
  await Promise.all([slapd?.destroy(), redis?.destroy()]);
});

const change = (login: string, currentPassword: string, newPassword: string) =>
  app.postJson('/api/v1/password/change', { login, currentPassword, newPassword });

describe('when a server is down', () => {
  it('answers 503 while slapd is stopped, then works again once it is back', async () => {
    const person = await createPerson(slapd);
    await slapd.stop();
    try {
      const response = await change(person.login, person.password, strongPassword());
      const body = await response.json();
      expect(response.status).toBe(503);
      expect(body.error.code).toBe('unavailable');
      expect(body.error.message).toMatch(/n'a pas été modifié/);
      const ready = await app.get('/readyz');
      expect(ready.status).toBe(503);
    } finally {
      await slapd.start();
    }
    expect(await canBind(slapd.url, person.dn, person.password, slapd.caFile)).toBe(true);
    const newPassword = strongPassword();
    const again = await change(person.login, person.password, newPassword);
    expect(again.status).toBe(200);
    expect(await canBind(slapd.url, person.dn, newPassword, slapd.caFile)).toBe(true);
  });

  it('answers 503 while Redis is stopped and leaves the directory untouched', async () => {
    const person = await createPerson(slapd);
    const newPassword = strongPassword();
    await redis.stop();
    try {
      const started = performance.now();
      const response = await change(person.login, person.password, newPassword);
      expect(response.status).toBe(503);
      expect((await response.json()).error.code).toBe('unavailable');
      expect(performance.now() - started).toBeLessThan(3000);
      expect((await app.get('/readyz')).status).toBe(503);
    } finally {
      await redis.start();
    }
    expect(await canBind(slapd.url, person.dn, person.password, slapd.caFile)).toBe(true);
    expect(await canBind(slapd.url, person.dn, newPassword, slapd.caFile)).toBe(false);
  });
});
