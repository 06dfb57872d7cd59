/**
 * The console's own fuzz pass, signed in as a sysadmin (so that every parameter reaches the queue
 * and audit code behind the session check): hostile query strings, job ids, targets, actions and
 * form fields, with the session's valid CSRF token. Never a 5xx, always a page with a message.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPerson, testConfig } from '../../harness/index.ts';
import { makeApp, type TestApp } from '../support/app.ts';
import { ldapTarget, signIn, type ConsoleSession } from '../support/console.ts';
import { pathSegment } from './support/requests.ts';

const servers = inject('servers');
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000) / 5;
const TARGET = 'annuaire-secours';

let app: TestApp;
let session: ConsoleSession;

beforeAll(async () => {
  app = await makeApp(testConfig(servers, { server: { failureFloorMs: 0 }, sync: { targets: [ldapTarget(servers.slapd, TARGET)] } }), { keep: true });
  const admin = await createPerson(servers.slapd, { groups: ['sysadmins'] });
  session = await signIn(app, admin.login, admin.password);
});
afterAll(() => app.close());

const text = fc.oneof(
  fc.constantFrom(TARGET, 'retry', 'discard', 'pause', 'resume', 'retry-all', 'failed', 'waiting', '1', '-1', '0x10', '9'.repeat(400), '*)(uid=*', '..%2f', '%00', '2026-13-45T25:61', 'password.changed', '<script>', ''),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);
const segment = text.map(pathSegment);
/** The configured target half the time, so that requests get past « unknown target ». */
const withTarget = <T extends Record<string, string>>(fields: fc.Arbitrary<T>) =>
  fc.tuple(fields, fc.boolean()).map(([values, known]) => (known ? { ...values, target: TARGET } : values));
const query = withTarget(fc.dictionary(fc.constantFrom('target', 'state', 'login', 'page', 'kind', 'since', 'until', 'before', 'job', 'done', 'lang'), text, { maxKeys: 5 }));

const request = fc.oneof(
  fc.tuple(fc.constantFrom('/admin', '/admin/jobs', '/admin/person', '/admin/audit'), query).map(([path, params]) => ({ method: 'GET', path: `${path}?${new URLSearchParams(params)}`, form: undefined })),
  fc.tuple(segment, segment, query).map(([target, id, params]) => ({ method: 'GET', path: `/admin/jobs/${target}/${id}?${new URLSearchParams(params)}`, form: undefined })),
  fc.tuple(fc.oneof(fc.constantFrom('retry', 'discard', 'pause', 'resume', 'retry-all'), segment), query).map(([action, params]) => ({ method: 'GET', path: `/admin/confirm/${action}?${new URLSearchParams(params)}`, form: undefined })),
  fc
    .tuple(fc.oneof(fc.constantFrom('retry', 'discard', 'pause', 'resume', 'retry-all'), segment), withTarget(fc.dictionary(fc.constantFrom('target', 'job', 'reason', 'login', 'extra'), text, { maxKeys: 4 })))
    .map(([action, fields]) => ({ method: 'POST', path: `/admin/actions/${action}`, form: fields })),
);

describe('fuzz: the console, signed in', () => {
  it('answers hostile parameters with a page, never a 5xx', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, form }) => {
        const response = method === 'GET'
          ? await app.get(path, { cookie: session.cookie })
          : await app.postForm(path, { ...form, _csrf: session.csrf }, { cookie: session.cookie });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const where = `${method} ${path.slice(0, 200)} → ${response.status}`;
        expect(response.status, where).toBeLessThan(500);
        if (response.status >= 400) {
          expect(response.headers.get('content-type'), where).toContain('text/html');
          expect(await response.text(), where).toMatch(/role="alert"|card--error/);
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`).join(', ');
    console.log(`console fuzz: ${RUNS} requests signed in as a sysadmin; statuses ${byStatus}`);
    expect(app.logs.filter((line) => line.includes('"unexpected error"')).slice(0, 3)).toEqual([]);
    // The session still works: the overview answers.
    expect((await app.get('/admin', { cookie: session.cookie })).status).toBe(200);
  }, 600_000);
});
