/**
 * The change-password API against the real slapd and Redis: what an integrator sees.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { canBind, createPerson, strongPassword, testConfig } from '../harness/index.ts';
import { makeApp, type TestApp } from './support/app.ts';

const servers = inject('servers');
let app: TestApp;

beforeAll(async () => {
  app = await makeApp(testConfig(servers), { keep: true });
});
afterAll(() => app.close());

const change = (body: Record<string, unknown>, options?: Parameters<TestApp['postJson']>[2]) => app.postJson('/api/v1/password/change', body, options);
const binds = (dn: string, password: string) => canBind(servers.slapd.url, dn, password, servers.slapd.caFile);

describe('POST /api/v1/password/change', () => {
  it('changes the password: the new one binds, the old one no longer does', async () => {
    const person = await createPerson(servers.slapd);
    const newPassword = strongPassword();
    const response = await change({ login: person.login, currentPassword: person.password, newPassword });
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ status: 'changed', sync: { targets: [] } });
    expect(await binds(person.dn, newPassword)).toBe(true);
    expect(await binds(person.dn, person.password)).toBe(false);
  });

  it('answers a wrong password and an unknown login with the same 401, and writes nothing', async () => {
    const person = await createPerson(servers.slapd);
    const wrong = await change({ login: person.login, currentPassword: 'Not-the-password-1', newPassword: strongPassword() });
    const unknown = await change({ login: `${person.login}x`, currentPassword: 'Not-the-password-1', newPassword: strongPassword() });
    const [wrongBody, unknownBody] = [await wrong.json(), await unknown.json()];
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect({ ...wrongBody.error, requestId: '' }).toEqual({ ...unknownBody.error, requestId: '' });
    expect(wrongBody.error).toMatchObject({ code: 'invalid_credentials', message: 'Identifiant ou mot de passe actuel incorrect.' });
    expect(await binds(person.dn, person.password)).toBe(true);
  });

  it('refuses a password that breaks our policy with 422 and every violation, in English when asked', async () => {
    const person = await createPerson(servers.slapd);
    const response = await change(
      { login: person.login, currentPassword: person.password, newPassword: 'short' },
      { headers: { 'accept-language': 'en-GB,en;q=0.9' } },
    );
    const body = await response.json();
    expect(response.status).toBe(422);
    expect(body.error.code).toBe('policy');
    const codes = body.error.details.violations.map((v: { code: string }) => v.code);
    expect(codes).toEqual(expect.arrayContaining(['min_length', 'upper', 'digit', 'special']));
    expect(body.error.details.violations[0].message).toMatch(/[a-z]/i);
    expect(body.error.message).toBe('The new password does not meet the rules.');
    expect(await binds(person.dn, person.password)).toBe(true);
  });

  it("reports slapd's own refusal (password in history) as a directory violation, and keeps the current password", async () => {
    const person = await createPerson(servers.slapd);
    const second = strongPassword();
    expect((await change({ login: person.login, currentPassword: person.password, newPassword: second })).status).toBe(200);
    const back = await change({ login: person.login, currentPassword: second, newPassword: person.password });
    const body = await back.json();
    expect(back.status, JSON.stringify(body)).toBe(422);
    expect(body.error.details.violations).toEqual([expect.objectContaining({ code: 'directory_in_history', source: 'directory' })]);
    expect(await binds(person.dn, second)).toBe(true);
  });

  it.each(['*)(uid=*', 'admin)(|(uid=*', '*', 'jdupont)(objectClass=*', '\\2a'])('finds nobody for the login %j and writes nothing', async (login) => {
    const response = await change({ login, currentPassword: 'Orage!Pivoine73', newPassword: strongPassword() });
    expect(response.status).toBe(401);
    expect(await binds('uid=jdupont,ou=people,dc=example,dc=org', 'Orage!Pivoine73')).toBe(true);
  });

  it('explains malformed input field by field, translated, without touching the directory', async () => {
    const response = await change({ login: '', currentPassword: 42, extra: true });
    const body = await response.json();
    expect(response.status).toBe(400);
    expect(body.error.code).toBe('validation');
    const byPath = Object.fromEntries(body.error.details.issues.map((i: { path: string; message: string }) => [i.path, i.message]));
    expect(byPath.login).toBe('Ce champ est obligatoire.');
    expect(byPath.currentPassword).toBe('Type de valeur inattendu.');
    expect(byPath.newPassword).toBe('Ce champ est obligatoire.');
    expect(byPath.extra).toBe('Champ inconnu.');
  });

  it('answers malformed JSON and a wrong content type with the same error shape', async () => {
    const malformed = await change('{"login": ' as unknown as Record<string, unknown>);
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe('validation');
    const text = await app.runtime.app.request('http://127.0.0.1/api/v1/password/change', { method: 'POST', body: 'login=x', headers: { 'content-type': 'text/plain', 'x-api-key': 'x' } });
    expect([400, 415]).toContain(text.status);
    expect((await text.json()).error).toHaveProperty('code');
  });

  it('requires a captcha without an API key, and accepts a solved one', async () => {
    const person = await createPerson(servers.slapd);
    const newPassword = strongPassword();
    const without = await change({ login: person.login, currentPassword: person.password, newPassword }, { apiKey: false });
    expect(without.status).toBe(400);
    expect((await without.json()).error.code).toBe('captcha_invalid');
    const { captchaId, captchaAnswer } = await app.solvedCaptcha();
    const solved = await change(
      { login: person.login, currentPassword: person.password, newPassword, captcha: { id: captchaId, answer: captchaAnswer.toUpperCase() } },
      { apiKey: false },
    );
    expect(solved.status).toBe(200);
  });

  it('rate-limits per login with 429 and Retry-After, whatever the password', async () => {
    const person = await createPerson(servers.slapd);
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i += 1) {
      last = await change({ login: person.login, currentPassword: `Wrong-password-${i}A`, newPassword: strongPassword() });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await last!.json()).error.message).toMatch(/Réessayez dans \d+ minute/);
  });

  it('never writes a password to the logs', async () => {
    const person = await createPerson(servers.slapd);
    const newPassword = strongPassword();
    await change({ login: person.login, currentPassword: 'Wrong-password-9Z', newPassword });
    await change({ login: person.login, currentPassword: person.password, newPassword: 'weak' });
    await change({ login: person.login, currentPassword: person.password, newPassword });
    const { expectNoSecretInLogs } = await import('./support/app.ts');
    expect(app.logs.length).toBeGreaterThan(3);
    expectNoSecretInLogs(app.logs, [person.password, newPassword, 'Wrong-password-9Z']);
  });
});

describe('a person with two last names in the directory', () => {
  it('refuses a new password holding the birth name as well as the name in use', async () => {
    // An app of its own: the file's other tests have used up the per-address limit of the shared one.
    const own = await makeApp(testConfig(servers), { keep: true });
    try {
      const person = await createPerson(servers.slapd, { lastName: 'Martin', otherLastNames: ['Le Bihan'] });
      for (const newPassword of ['Bihan-Rocher-2026!', 'Martin-Rocher-2026!']) {
        const response = await own.postJson('/api/v1/password/change', { login: person.login, currentPassword: person.password, newPassword });
        const body = await response.json();
        expect(response.status, newPassword).toBe(422);
        expect(body.error.details.violations.map((v: { code: string }) => v.code)).toEqual(['contains_name']);
      }
      expect(await binds(person.dn, person.password)).toBe(true);
    } finally {
      await own.close();
    }
  });
});

describe('signing in with an address (directory.loginAlso: [mail])', () => {
  it('changes the password of the entry the address belongs to, audited under its login', async () => {
    const aliased = await makeApp(testConfig(servers, { directory: { loginAlso: ['mail'] } }), { keep: true });
    try {
      const person = await createPerson(servers.slapd);
      const newPassword = strongPassword();
      const response = await aliased.postJson('/api/v1/password/change', { login: ` ${person.mail!.toUpperCase()} `, currentPassword: person.password, newPassword });
      expect(response.status, await response.clone().text()).toBe(200);
      expect(await binds(person.dn, newPassword)).toBe(true);
      const audit = aliased.logs.map((line) => JSON.parse(line) as { audit?: { kind: string; login?: string } }).find((line) => line.audit?.kind === 'password.changed');
      expect(audit?.audit?.login).toBe(person.login);
    } finally {
      await aliased.close();
    }
  });
});

describe('strength and health', () => {
  it('scores a password as the meter does', async () => {
    const weak = await (await app.postJson('/api/v1/password/strength', { password: 'motdepasse' })).json();
    const strong = await (await app.postJson('/api/v1/password/strength', { password: 'Ornithorynque-Violet-Escalier-42!' })).json();
    expect(weak.score).toBeLessThan(strong.score);
    expect(strong.score).toBeGreaterThanOrEqual(80);
    expect(strong.label).toBe('Très fort');
    expect(weak.violations.map((v: { code: string }) => v.code)).toEqual(expect.arrayContaining(['min_length', 'upper']));
  });

  it('is ready when slapd and Redis answer', async () => {
    expect((await app.get('/healthz')).status).toBe(200);
    const ready = await app.get('/readyz');
    const body = await ready.json();
    expect(ready.status, JSON.stringify(body)).toBe(200);
    expect(body.checks.find((c: { name: string }) => c.name === 'directory').ok).toBe(true);
  });

  it('serves its OpenAPI document and a readable reference', async () => {
    const document = await (await app.get('/api/openapi.json')).json();
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/password/change', '/api/v1/password/strength']));
    const reference = await (await app.get('/api/docs')).text();
    expect(reference).toContain('/api/v1/password/change');
  });
});
