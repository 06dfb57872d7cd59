/**
 * « Redéfinir mon mot de passe » through the page and the API: proofs typed the way people type
 * them, one generic answer (and the same minimum time) for any mismatch or unknown login, the
 * lock-out per account and per address with its date, the owner's notice mails, recovery, and the
 * account's counter cleared by a success. Each test uses its own client address (X-Forwarded-For
 * behind a trusted proxy), so that the per-address cap of one does not reach another.
 */
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { canBind, createPerson, readPasswordState, startSmtpSink, strongPassword, testConfig, uniqueLogin, type SmtpSink, type TestPerson } from '../harness/index.ts';
import { expectNoSecretInLogs, makeApp, type TestApp } from './support/app.ts';
import { auditEvents, noticeTo, waitForAudit } from './support/reset.ts';

const servers = inject('servers');
const FLOOR_MS = 300;
let sink: SmtpSink;
let app: TestApp;

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await makeApp(
    testConfig(
      { ...servers, smtp: sink },
      {
        server: { trustProxy: true, failureFloorMs: FLOOR_MS },
        sync: { inProcessWorker: true },
        rateLimits: {
          identityFailuresPerAccount: { points: 3, durationSeconds: 600, blockSeconds: 2 },
          identityFailuresPerAddress: { points: 6, durationSeconds: 600, blockSeconds: 2 },
        },
      },
    ),
    { keep: true },
  );
});
afterAll(async () => {
  await app.close();
  await sink.stop();
});

let addressCounter = 0;
/** A client address of its own for each test. */
const newAddress = () => `198.51.100.${(addressCounter += 1)}`;

const numen = () => `${randomInt(10, 99)}E${randomInt(1_000_000, 9_999_999)}ABC`;
const person = () => createPerson(servers.slapd, { employeeNumber: numen(), birthDate: '19840312' });

const submit = async (address: string, fields: Record<string, string>) => {
  const captcha = await app.solvedCaptcha();
  return app.postForm('/reset/identity', { ...captcha, ...fields }, { 'x-forwarded-for': address });
};

const proofsOf = (who: TestPerson, overrides: Record<string, string> = {}) => ({
  login: who.login,
  staffNumber: who.employeeNumber!,
  birthDate: '12/03/1984',
  ...overrides,
});

const withPassword = (fields: Record<string, string>, password = strongPassword()) => ({ ...fields, newPassword: password, confirmPassword: password });
const summaryOf = (page: string) => /<div class="error-summary"[\s\S]*?<\/div>/.exec(page)?.[0] ?? '';

describe('GET /reset/identity', () => {
  it('asks for « Identifiant », the Numen and the date of birth, with the help panel and the policy', async () => {
    const page = await (await app.get('/reset/identity')).text();
    expect(page).toContain('Redéfinir mon mot de passe');
    expect(page).toContain('Numen (ou Numéro de personne extérieure)');
    expect(page).toContain('Date de naissance');
    expect(page).toContain('Au format JJ/MM/AAAA');
    expect(page).toContain('Si vous l&#39;avez perdu, demandez-le à votre responsable.');
    expect(page).toContain('Complexité du mot de passe');
    for (const name of ['login', 'staffNumber', 'birthDate', 'newPassword', 'confirmPassword', 'captchaAnswer']) expect(page).toContain(`name="${name}"`);
  });
});

describe('POST /reset/identity', () => {
  it('sets the password when the proofs match, however they are typed, and tells the owner', async () => {
    const who = await person();
    const newPassword = strongPassword();
    const staff = who.employeeNumber!.toLowerCase().replace('e', ' e ');
    const response = await submit(newAddress(), withPassword(proofsOf(who, { staffNumber: staff, birthDate: '12.3.1984' }), newPassword));
    const page = await response.text();
    expect(response.status, summaryOf(page)).toBe(200);
    expect(page).toContain('Votre nouveau mot de passe est enregistré.');
    expect(await canBind(servers.slapd.url, who.dn, newPassword, servers.slapd.caFile)).toBe(true);
    const notice = await noticeTo(sink, who.mail!);
    expect(notice.text).toContain('après vérification de l’identité');
    expect(notice.text).toContain("Depuis l'adresse : 198.51.100.");
    expect(auditEvents(app, 'identity.succeeded').some((e) => e.login === who.login)).toBe(true);
    expectNoSecretInLogs(app.logs, [who.employeeNumber!, staff, newPassword]);
  });

  it('one generic message, after the same minimum time, for a wrong proof and for an unknown login', async () => {
    const who = await person();
    const address = newAddress();
    const wrongStarted = performance.now();
    const wrong = await submit(address, withPassword(proofsOf(who, { birthDate: '13/03/1984' })));
    const wrongMs = performance.now() - wrongStarted;
    const unknownStarted = performance.now();
    const unknown = await submit(address, withPassword({ login: `inconnu${uniqueLogin()}`, staffNumber: who.employeeNumber!, birthDate: '12/03/1984' }));
    const unknownMs = performance.now() - unknownStarted;
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [wrongSummary, unknownSummary] = [summaryOf(await wrong.text()), summaryOf(await unknown.text())];
    expect(wrongSummary).toContain('Les informations saisies ne permettent pas de vous identifier.');
    expect(unknownSummary).toBe(wrongSummary);
    expect(wrongMs).toBeGreaterThanOrEqual(FLOOR_MS - 5);
    expect(unknownMs).toBeGreaterThanOrEqual(FLOOR_MS - 5);
    expect(await canBind(servers.slapd.url, who.dn, who.password, servers.slapd.caFile)).toBe(true);
  });

  it('locks the account out after 3 failures, says until when, mails the owner, and opens again after the block', async () => {
    const who = await person();
    const statuses: number[] = [];
    let last = '';
    for (let i = 0; i < 3; i += 1) {
      const response = await submit(newAddress(), withPassword(proofsOf(who, { staffNumber: 'FAUX' })));
      statuses.push(response.status);
      last = await response.text();
    }
    expect(statuses).toEqual([401, 401, 429]);
    expect(summaryOf(last)).toMatch(/ce formulaire est bloqué jusqu’au \p{L}+ \d+ \p{L}+ \d{4} à \d{2}:\d{2} \(dans 1 minute\)/u);
    // Locked: even the right proofs are refused, from another address.
    const locked = await submit(newAddress(), withPassword(proofsOf(who)));
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toMatch(/^[12]$/);
    const lockMail = await sink.waitForMail((m) => m.to.includes(who.mail!) && /bloquées/.test(m.subject), 15_000);
    expect(lockMail.text).toContain(`le compte « ${who.login} »`);
    expect(lockMail.text).toContain('Votre mot de passe n\'a pas changé');
    await waitForAudit(app, 'lockout', (e) => e.login === who.login);

    await new Promise((resolve) => setTimeout(resolve, 2200));
    const newPassword = strongPassword();
    const recovered = await submit(newAddress(), withPassword(proofsOf(who), newPassword));
    expect(recovered.status, summaryOf(await recovered.clone().text())).toBe(200);
    expect(await canBind(servers.slapd.url, who.dn, newPassword, servers.slapd.caFile)).toBe(true);
  });

  it('locks an unknown login out the same way (no message tells them apart)', async () => {
    const ghost = `inconnu${uniqueLogin()}`;
    const statuses: number[] = [];
    let last = '';
    for (let i = 0; i < 3; i += 1) {
      const response = await submit(newAddress(), withPassword({ login: ghost, staffNumber: 'FAUX', birthDate: '01/01/1990' }));
      statuses.push(response.status);
      last = await response.text();
    }
    expect(statuses).toEqual([401, 401, 429]);
    expect(summaryOf(last)).toMatch(/ce formulaire est bloqué jusqu’au .* \(dans 1 minute\)/);
  });

  it('a success clears the account’s failures', async () => {
    const who = await person();
    for (let i = 0; i < 2; i += 1) expect((await submit(newAddress(), withPassword(proofsOf(who, { birthDate: '01/01/2000' })))).status).toBe(401);
    expect((await submit(newAddress(), withPassword(proofsOf(who)))).status).toBe(200);
    for (let i = 0; i < 2; i += 1) expect((await submit(newAddress(), withPassword(proofsOf(who, { birthDate: '01/01/2000' })))).status).toBe(401);
  });

  it('caps the failures of one client address across accounts', async () => {
    const address = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push((await submit(address, withPassword({ login: `inconnu${uniqueLogin()}`, staffNumber: 'X', birthDate: '01/01/1990' }))).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const who = await person();
    expect((await submit(address, withPassword(proofsOf(who)))).status).toBe(429);
  });

  it('a weak password or a confirmation mismatch costs no attempt and reveals nothing', async () => {
    const who = await person();
    const address = newAddress();
    for (let i = 0; i < 4; i += 1) {
      const weak = await submit(address, { ...proofsOf(who, { staffNumber: 'FAUX' }), newPassword: 'court', confirmPassword: 'court' });
      expect(weak.status).toBe(422);
    }
    expect((await submit(address, withPassword(proofsOf(who)))).status).toBe(200);
  });

  it('an invalid date is told as such (it says nothing about any account)', async () => {
    const response = await submit(newAddress(), withPassword({ login: 'jdupont', staffNumber: 'X', birthDate: '31/02/1990' }));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Cette date n&#39;est pas valide (JJ/MM/AAAA).');
  });

  it('unlocks an account ppolicy had locked (resetIdentity.unlock, on by default)', async () => {
    const who = await createPerson(servers.slapd, { employeeNumber: numen(), birthDate: '19840312', locked: true });
    const newPassword = strongPassword();
    expect((await submit(newAddress(), withPassword(proofsOf(who), newPassword))).status).toBe(200);
    expect((await readPasswordState(servers.slapd, who.dn)).pwdAccountLockedTime).toBeUndefined();
    expect(await canBind(servers.slapd.url, who.dn, newPassword, servers.slapd.caFile)).toBe(true);
  });

  it('injection attempts get a 4xx and never a write', async () => {
    const who = await person();
    const address = newAddress();
    const attempts: Record<string, string>[] = [
      { login: '*', staffNumber: '*', birthDate: '12/03/1984' },
      { login: `${who.login})(uid=*`, staffNumber: '*)(employeeNumber=*', birthDate: '12/03/1984' },
      // Surrounding spaces and line ends are trimmed like any typing slip; inside a value they are refused.
      { login: `${who.login}\r\nuid: x`, staffNumber: who.employeeNumber!, birthDate: '12/03/1984' },
      { login: who.login, staffNumber: `${who.employeeNumber!}\n`, birthDate: '12/\n03/1984' },
      { login: who.login, staffNumber: 'X'.repeat(500), birthDate: '12/03/1984' },
      { login: 'L'.repeat(5000), staffNumber: 'X', birthDate: '12/03/1984' },
    ];
    for (const fields of attempts) {
      const response = await submit(address, withPassword(fields));
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }
    expect(await canBind(servers.slapd.url, who.dn, who.password, servers.slapd.caFile)).toBe(true);
  });
});

describe('POST /api/v1/reset/identity', () => {
  it('200 with proofs from a date field, 401 generic, 429 with Retry-After when locked', async () => {
    const who = await person();
    const headers = { 'x-forwarded-for': newAddress() };
    const ok = await app.postJson('/api/v1/reset/identity', { login: who.login, proofs: { staffNumber: who.employeeNumber, birthDate: '1984-03-12' }, newPassword: strongPassword() }, { headers });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'reset', login: who.login });

    const codes: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await app.postJson('/api/v1/reset/identity', { login: who.login, proofs: { staffNumber: 'FAUX', birthDate: '1984-03-12' }, newPassword: strongPassword() }, { headers: { 'x-forwarded-for': newAddress() } });
      codes.push(((await response.json()) as { error: { code: string } }).error.code);
      if (i === 2) expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    }
    expect(codes).toEqual(['identity_mismatch', 'identity_mismatch', 'rate_limited']);
  });

  it('refuses a proof the config does not name, and a missing one', async () => {
    const headers = { 'x-forwarded-for': newAddress() };
    const extra = await app.postJson('/api/v1/reset/identity', { login: 'jdupont', proofs: { staffNumber: 'x', birthDate: '1970-01-15', shoeSize: '42' }, newPassword: strongPassword() }, { headers });
    expect(extra.status).toBe(400);
    const missing = await app.postJson('/api/v1/reset/identity', { login: 'jdupont', proofs: { staffNumber: 'x' }, newPassword: strongPassword() }, { headers });
    const body = (await missing.json()) as { error: { details: { issues: { path: string }[] } } };
    expect(missing.status).toBe(400);
    expect(body.error.details.issues.map((i) => i.path)).toEqual(['proofs.birthDate']);
  });
});
