/**
 * Account enumeration: the reset-by-mail, identity-proof and change endpoints answer the same for
 * an existing account and for an unknown one (status, headers, body minus the request id), in
 * the same time within noise. ENUM_TRIES (default 500) pairs, each one request of each kind sent
 * together, two pairs at a time over loopback; medians and p90 printed, and the paired
 * differences tested for a shift with the Wilcoxon signed-rank and sign tests at a fixed
 * threshold: p below 0.001 in either fails. (Pairs, because the CI machine runs other test files
 * meanwhile: unpaired samples compared whole also measured those bursts, and once told the two
 * kinds apart with nothing leaking. The unpaired Mann-Whitney and Kolmogorov-Smirnov figures are
 * still printed.)
 *
 * What the config changes, and why: every limit these endpoints apply is lifted (per address and
 * per account: 500 tries of one account would otherwise be refused after 3 to 20), and the
 * failure floor is 100 ms instead of the default 400 ms (so 3,000 requests fit in a minute and a
 * half; a lower floor hides less, so passing here is the harder test). The mail worker runs in
 * the same process, so that the mails sent for the existing account load the very server that
 * answers.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPerson, readPasswordState, startSmtpSink, testConfig, type SmtpSink, type TestPerson } from '../../harness/index.ts';
import { makeApp, TEST_API_KEY, type TestApp } from '../support/app.ts';
import { describeComparison, listen, measure, type Comparison, type Listening, type Request } from './support/measure.ts';

const TRIES = Number(process.env.ENUM_TRIES ?? 500);
/** Fixed in advance: below this, the two samples are told apart and the test fails. */
const ALPHA = 0.001;
const UNLIMITED = { points: 1_000_000_000, durationSeconds: 1, blockSeconds: 0 };

let smtp: SmtpSink;
let app: TestApp;
let server: Listening;
let person: TestPerson;

beforeAll(async () => {
  smtp = await startSmtpSink();
  const servers = inject('servers');
  app = await makeApp(
    testConfig(
      { slapd: servers.slapd, redis: servers.redis, smtp },
      {
        server: { failureFloorMs: 100 },
        sync: { inProcessWorker: true },
        rateLimits: {
          changePerAddress: UNLIMITED,
          changePerLogin: UNLIMITED,
          resetMailPerAddress: UNLIMITED,
          resetMailPerIdentity: UNLIMITED,
          identityFailuresPerAccount: UNLIMITED,
          identityFailuresPerAddress: UNLIMITED,
        },
        log: { level: 'silent' },
      },
    ),
    { keep: true },
  );
  server = await listen(app);
  person = await createPerson(servers.slapd, { firstName: 'Énora', employeeNumber: '08E1234567ABC', birthDate: '19790412' });
});
afterAll(async () => {
  await server?.close();
  await app?.close();
  await smtp?.stop();
});

const withKey = (path: string, body: unknown): Request => ({ path, body, headers: { 'x-api-key': TEST_API_KEY } });

const run = async (name: string, existing: Request, unknown: Request): Promise<Comparison> => {
  const result = await measure({ url: server.url, existing, unknown, tries: TRIES, pairs: 2, warmUp: 10 });
  console.log(describeComparison(name, result));
  return result;
};

const expectAlike = (result: Comparison) => {
  expect(Object.keys(result.existing.answers)).toHaveLength(1);
  expect(result.existing.answers).toEqual(result.unknown.answers);
  expect(result.wilcoxon.p).toBeGreaterThanOrEqual(ALPHA);
  expect(result.sign.p).toBeGreaterThanOrEqual(ALPHA);
};

describe('existing and unknown accounts answer alike', () => {
  it('reset by mail: 202 for both, in the same time, though only the existing account gets mail', async () => {
    const result = await run(
      'POST /api/v1/reset/mail',
      withKey('/api/v1/reset/mail', { lastName: person.lastName, firstName: person.firstName, mail: person.mail }),
      withKey('/api/v1/reset/mail', { lastName: 'Inconnu-Personne', firstName: 'Énora', mail: 'personne.inconnue@ac-exemple.fr' }),
    );
    expectAlike(result);
    expect(Object.keys(result.existing.answers)[0]).toMatch(/^202\n/);
    // The two classes really differ behind the answer: mail goes to the existing account only.
    await smtp.waitForMail((m) => m.to.includes(person.mail!), 20_000);
    expect(smtp.messages.filter((m) => m.to.includes('personne.inconnue@ac-exemple.fr'))).toEqual([]);
  }, 120_000);

  it('reset by identity: one 401 for wrong proofs and for an unknown login, in the same time', async () => {
    const proofs = { staffNumber: '08E7654321XYZ', birthDate: '12/04/1979' };
    const newPassword = 'Nouvelle-Phrase-De-Passe-2026!';
    const result = await run(
      'POST /api/v1/reset/identity',
      withKey('/api/v1/reset/identity', { login: person.login, proofs, newPassword }),
      withKey('/api/v1/reset/identity', { login: 'inconnu-enumeration', proofs, newPassword }),
    );
    expectAlike(result);
    expect(Object.keys(result.existing.answers)[0]).toMatch(/^401\n[\s\S]*"code":"identity_mismatch"/);
  }, 120_000);

  it('change: one 401 for a wrong password and for an unknown login, in the same time, lock-out included', async () => {
    const newPassword = 'Nouvelle-Phrase-De-Passe-2026!';
    const result = await run(
      'POST /api/v1/password/change',
      withKey('/api/v1/password/change', { login: person.login, currentPassword: 'Pas-Le-Bon-Mot-1!', newPassword }),
      withKey('/api/v1/password/change', { login: 'inconnu-enumeration', currentPassword: 'Pas-Le-Bon-Mot-1!', newPassword }),
    );
    expectAlike(result);
    expect(Object.keys(result.existing.answers)[0]).toMatch(/^401\n[\s\S]*"code":"invalid_credentials"/);
    // The directory locked the account after its fifth failure: that, too, must not show.
    expect((await readPasswordState(inject('servers').slapd, person.dn)).pwdAccountLockedTime).toBeDefined();
  }, 120_000);
});
