/**
 * A fuzz pass over every route, pages and API, against the real slapd and Redis: fast-check
 * generates hostile requests (see support/requests.ts). Whatever comes in, the answer is a 2xx/3xx,
 * or a 4xx that says what is wrong in the shape of its kind (the JSON error body on the API, a page
 * with a message otherwise); never a 5xx, never an unexpected error in the logs, never a password
 * written in the directory; and the app still changes a password correctly afterwards.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { canBind, createPerson, readPasswordState, strongPassword, testConfig, type TestPerson } from '../../harness/index.ts';
import { makeApp, TEST_API_KEY, type TestApp } from '../support/app.ts';
import { fuzzRequest, type FuzzRequest } from './support/requests.ts';

const servers = inject('servers');
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const ORIGIN = 'http://127.0.0.1';
const UNLIMITED = { points: 1_000_000_000, durationSeconds: 1, blockSeconds: 0 };

let app: TestApp;
let people: TestPerson[];

beforeAll(async () => {
  const limits = ['changePerAddress', 'changePerLogin', 'resetMailPerAddress', 'resetMailPerIdentity', 'resetMailsPerAccount', 'resetTokenPerAddress', 'identityFailuresPerAccount', 'identityFailuresPerAddress', 'captchaPerAddress', 'adminLoginPerAddress'];
  // No limits and no failure floor: the cases go as deep into the flows as their input lets them.
  app = await makeApp(testConfig(servers, { server: { failureFloorMs: 0 }, rateLimits: Object.fromEntries(limits.map((name) => [name, UNLIMITED])) }), { keep: true });
  people = await Promise.all([createPerson(servers.slapd), createPerson(servers.slapd, { firstName: 'Éloïse', lastName: 'Lefèvre-Dupont' }), createPerson(servers.slapd)]);
});
afterAll(() => app.close());

const send = (request: FuzzRequest) =>
  app.runtime.app.request(`${ORIGIN}${request.path}`, { method: request.method, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) });

/** What a 4xx must look like: the API's one error shape, or a page that says what went wrong. */
const checkAnswer = async (request: FuzzRequest, response: Response) => {
  const where = `${request.label} ${request.method} ${request.path.slice(0, 200)} → ${response.status}`;
  expect(response.status, where).toBeLessThan(500);
  if (response.status < 400) return;
  const type = response.headers.get('content-type') ?? '';
  const text = await response.text();
  if (type.includes('application/json')) {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; requestId?: unknown } };
    expect(typeof body.error?.code, where).toBe('string');
    expect(typeof body.error?.message, where).toBe('string');
    expect((body.error?.message as string).length, where).toBeGreaterThan(0);
    expect(typeof body.error?.requestId, where).toBe('string');
  } else {
    expect(type, where).toContain('text/html');
    expect(text, where).toMatch(/role="alert"|card--error/);
  }
};

describe('fuzz: hostile requests on every route', () => {
  it('answers each with a 4xx in the right shape (or success), never a 5xx, never a write', async () => {
    const before = await Promise.all(people.map((person) => readPasswordState(servers.slapd, person.dn)));
    const statuses = new Map<number, number>();
    const labels = new Map<string, number>();
    let cases = 0;
    const context = { logins: people.map((person) => person.login), apiKey: TEST_API_KEY, bodyLimitBytes: app.config.server.bodyLimitBytes, origin: ORIGIN };
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(fuzzRequest(context), async (request) => {
        const response = await send(request);
        cases += 1;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        labels.set(request.label, (labels.get(request.label) ?? 0) + 1);
        await checkAnswer(request, response);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`).join(', ');
    console.log(`fuzz: ${cases} requests in ${seconds} s over ${labels.size} kinds of case; statuses ${byStatus}`);

    // Never a crash or an unexpected error, whatever came in.
    const unexpected = app.logs.filter((line) => line.includes('"unexpected error"'));
    expect(unexpected.slice(0, 3), `${unexpected.length} unexpected error(s) logged`).toEqual([]);
    // Never a password written: ppolicy stamps pwdChangedTime and grows pwdHistory on every write.
    const after = await Promise.all(people.map((person) => readPasswordState(servers.slapd, person.dn)));
    expect(after.map((state) => [state.pwdChangedTime, state.pwdHistoryCount, state.pwdReset])).toEqual(
      before.map((state) => [state.pwdChangedTime, state.pwdHistoryCount, state.pwdReset]),
    );
    // Still standing: a real change goes through, and the new password binds.
    const person = await createPerson(servers.slapd);
    const newPassword = strongPassword();
    const response = await app.postJson('/api/v1/password/change', { login: person.login, currentPassword: person.password, newPassword });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await canBind(servers.slapd.url, person.dn, newPassword, servers.slapd.caFile)).toBe(true);
  }, 600_000);
});
