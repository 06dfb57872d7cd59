/**
 * The console's door (/admin) against the real slapd and Redis: log-in with directory
 * credentials and groups, one message for every refusal, the session cookie, the redirect to the
 * log-in form and back, roles, the synchronizer token, log-out, idle expiry, the per-address limit
 * and the audit view's pages.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPerson, fixture, strongPassword, testConfig, uniqueLogin, type TestPerson } from '../harness/index.ts';
import { expectNoSecretInLogs, makeApp, type TestApp } from './support/app.ts';
import { toLocalInput } from '../../src/http/views/admin/time.ts';
import { consoleGet, consolePost, postLogin, sessionCookie, signIn } from './support/console.ts';

const { slapd, redis } = inject('servers');
const INVALID = 'Identifiant ou mot de passe incorrect, ou compte sans accès à la console.';

let app: TestApp;
let sysadmin: TestPerson;
let outsider: TestPerson;

beforeAll(async () => {
  [sysadmin, outsider] = await Promise.all([createPerson(slapd, { groups: ['sysadmins'] }), createPerson(slapd)]);
  app = await makeApp(testConfig({ slapd, redis }, { server: { failureFloorMs: 0 }, rateLimits: { adminLoginPerAddress: { points: 500 } } }), { keep: true });
});
afterAll(() => app?.close());

/** The text of the page's error summary and field errors, tags stripped. */
const errorsOf = (page: string) => [...page.matchAll(/class="field-error"[^>]*>([\s\S]*?)<\/p>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());

describe('console log-in', () => {
  it('lets a sysadmin in with directory credentials: a strict, HttpOnly cookie for /admin only, and the overview', async () => {
    const response = await postLogin(app, sysadmin.login, sysadmin.password);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin');
    const line = response.headers.getSetCookie().find((l) => l.startsWith('passerelle_admin='))!;
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Strict/i);
    expect(line).toMatch(/Path=\/admin/i);
    expect(line).not.toMatch(/Max-Age|Expires/i);
    const page = await (await app.get('/admin', { cookie: sessionCookie(response)! })).text();
    expect(page).toContain('Vue d’ensemble des synchronisations');
    expect(page).toContain(`Session de ${sysadmin.displayName} (administration système)`);
    expect(page).toContain('Aucune cible de synchronisation n’est configurée');
  });

  it('answers a wrong password, an unknown login and a person outside both groups alike, and audits which it was', async () => {
    const answers = await Promise.all([
      postLogin(app, sysadmin.login, 'Not-The-Password-42!'),
      postLogin(app, uniqueLogin('nobody'), 'Whatever-Password-42!'),
      postLogin(app, outsider.login, outsider.password),
    ]);
    const pages = await Promise.all(answers.map((r) => r.text()));
    expect(answers.map((r) => r.status)).toEqual([401, 401, 401]);
    expect(answers.every((r) => !sessionCookie(r))).toBe(true);
    for (const page of pages) expect(errorsOf(page)).toEqual([INVALID]);
    const session = await signIn(app, sysadmin.login, sysadmin.password);
    const audit = await (await consoleGet(app, session, `/admin/audit?login=${outsider.login}&kind=admin.login`)).text();
    expect(audit).toContain('reason: not_member');
    const wrong = await (await consoleGet(app, session, `/admin/audit?login=${sysadmin.login}&kind=admin.login`)).text();
    expect(wrong).toContain('reason: wrong_password');
    expectNoSecretInLogs(app.logs, [sysadmin.password, outsider.password, 'Not-The-Password-42!']);
  });

  it('sends a page asked without a session to the log-in form, then back to it', async () => {
    const asked = await app.get('/admin/audit?kind=lockout');
    expect(asked.status).toBe(303);
    expect(asked.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Faudit%3Fkind%3Dlockout');
    const form = await (await app.get(asked.headers.get('location')!)).text();
    expect(form).toContain('name="next" value="/admin/audit?kind=lockout"');
    const response = await app.postForm('/admin/login', { login: sysadmin.login, password: sysadmin.password, next: '/admin/audit?kind=lockout' });
    expect(response.headers.get('location')).toBe('/admin/audit?kind=lockout');
    // Never elsewhere than the console.
    const away = await app.postForm('/admin/login', { login: sysadmin.login, password: sysadmin.password, next: '//evil.example/admin' });
    expect(away.headers.get('location')).toBe('/admin');
  });

  it('gives the help desk the person view but no action it may not run, and refuses them when posted anyway', async () => {
    const helpdesk = fixture('mbenali');
    const session = await signIn(app, helpdesk.login, helpdesk.password);
    const overview = await (await consoleGet(app, session, '/admin')).text();
    expect(overview).toContain('(assistance)');
    const person = await (await consoleGet(app, session, `/admin/person?login=${sysadmin.login}`)).text();
    expect(person).toContain(`Personne : ${sysadmin.login}`);
    expect(person).toContain('connexion à la console');
    expect((await consoleGet(app, session, '/admin/confirm/discard?target=x&job=y')).status).toBe(403);
    const refused = await consolePost(app, session, '/admin/actions/pause', { target: 'x' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Vous n&#39;avez pas accès à cette page.');
  });

  it('refuses an action without the session token, and a cross-site post, and keeps the session', async () => {
    const session = await signIn(app, sysadmin.login, sysadmin.password);
    expect((await consolePost(app, session, '/admin/logout', {}, { csrf: false })).status).toBe(403);
    expect((await consolePost(app, session, '/admin/logout', { _csrf: 'x'.repeat(43) }, { csrf: false })).status).toBe(403);
    const crossSite = await consolePost(app, session, '/admin/logout', {}, { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    expect((await consoleGet(app, session, '/admin')).status).toBe(200);
  });

  it('ends the session on the server at log-out: the same cookie no longer opens anything', async () => {
    const session = await signIn(app, sysadmin.login, sysadmin.password);
    const out = await consolePost(app, session, '/admin/logout', {});
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/admin/login?bye=1');
    const after = await consoleGet(app, session, '/admin');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toContain('expired=1');
    expect(await (await app.get('/admin/login?bye=1')).text()).toContain('Vous êtes déconnecté.');
  });
});

describe('console session expiry and limits', () => {
  it('expires a session left idle, and says so on the log-in form; activity keeps it alive', async () => {
    const short = await makeApp(testConfig({ slapd, redis }, { admin: { sessionIdleMinutes: 0.04 } }));
    const session = await signIn(short, sysadmin.login, sysadmin.password);
    for (let i = 0; i < 4; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect((await consoleGet(short, session, '/admin')).status).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 2800));
    const expired = await consoleGet(short, session, '/admin/jobs');
    expect(expired.status).toBe(303);
    expect(expired.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Fjobs&expired=1');
    expect(await (await short.get(expired.headers.get('location')!)).text()).toContain('Votre session a expiré. Connectez-vous à nouveau.');
  });

  it('limits log-in attempts per address, right ones included, with Retry-After', async () => {
    const limited = await makeApp(testConfig({ slapd, redis }, { server: { failureFloorMs: 0 }, rateLimits: { adminLoginPerAddress: { points: 3, durationSeconds: 600, blockSeconds: 600 } } }));
    for (let i = 0; i < 3; i += 1) expect((await postLogin(limited, uniqueLogin('x'), strongPassword())).status).toBe(401);
    const blocked = await postLogin(limited, sysadmin.login, sysadmin.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.text()).toContain('Trop de tentatives.');
    expect(sessionCookie(blocked)).toBeUndefined();
  });
});

describe('audit view', () => {
  it('finds a login’s events of one kind, 50 to a page, newest first, with a link to the older ones', async () => {
    const login = uniqueLogin('audited');
    for (let i = 0; i < 53; i += 1) await postLogin(app, login, 'Wrong-Password-42!');
    const session = await signIn(app, sysadmin.login, sysadmin.password);
    const first = await (await consoleGet(app, session, `/admin/audit?login=${login}&kind=admin.login`)).text();
    const rows = (page: string) => page.match(/<tr data-kind="admin.login">/g)?.length ?? 0;
    expect(rows(first)).toBe(50);
    const older = first.match(/href="(\/admin\/audit\?[^"]*before=[^"]+)">Événements plus anciens/)?.[1]?.replace(/&amp;/g, '&');
    expect(older).toBeDefined();
    const second = await (await consoleGet(app, session, older!)).text();
    expect(rows(second)).toBe(3);
    expect(second).not.toContain('Événements plus anciens');
    expect(second).toContain('Revenir aux plus récents');
    // The time range is read in the institution's zone; the filter stays filled in.
    const hourAgo = toLocalInput(new Date(Date.now() - 3_600_000), 'Europe/Paris');
    const recent = await (await consoleGet(app, session, `/admin/audit?login=${login}&kind=admin.login&since=${hourAgo}`)).text();
    expect(rows(recent)).toBe(50);
    expect(recent).toContain(`name="since" type="datetime-local" value="${hourAgo}"`);
    expect(await (await consoleGet(app, session, `/admin/audit?login=${login}&until=2026-01-01T00:00`)).text()).toContain('Aucun événement ne correspond à ces critères.');
    // Another kind for the same login: nothing.
    expect(await (await consoleGet(app, session, `/admin/audit?login=${login}&kind=lockout`)).text()).toContain('Aucun événement ne correspond à ces critères.');
  });
});
