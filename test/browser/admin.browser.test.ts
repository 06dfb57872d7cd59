/**
 * The console in Debian's chromium: a sysadmin logs in, sees the failed job of a stopped `ldap`
 * target, starts the target, retries, and watches the job complete without reloading; the help
 * desk sees the person view but no discard; a person outside both groups is refused; an action
 * without its session token is refused; an idle session expires. axe-core at 375 and 1280 px in
 * French and English, screenshots test-output/screenshots/admin-*.png.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createPerson, fixture, startSlapd, strongPassword, testConfig, type SlapdHandle } from '../harness/index.ts';
import { changePassword, jobInState, ldapTarget } from '../integration/support/console.ts';
import { launchBrowser, openPage, screenshot, seriousAccessibilityViolations, serveApp, type ServedApp } from './support/browser.ts';

const servers = inject('servers');
const TARGET = 'annuaire-secours';
const SYSADMIN = fixture('cfontaine');
const HELPDESK = fixture('mbenali');

let browser: Browser;
let target: SlapdHandle;
let app: ServedApp;

const consoleConfig = (overrides: Parameters<typeof testConfig>[1] = {}) =>
  testConfig(servers, {
    sync: { attempts: 1, inProcessWorker: true, targets: [ldapTarget(target.info(), TARGET)] },
    rateLimits: { adminLoginPerAddress: { points: 200 } },
    ...overrides,
  });

/** A change the stopped target refuses (one attempt): the person and the failed job's id. */
const failedChange = async () => {
  const person = await createPerson(servers.slapd);
  if (!target.running) await target.start();
  await createPerson(target, { login: person.login, password: person.password });
  await target.stop();
  const password = strongPassword();
  await changePassword(app, person.login, person.password, password);
  const job = await jobInState(app, TARGET, person.login, 'failed');
  return { person, password, jobId: job.id };
};

/** Logs in through the form, from wherever the console sent the browser. */
const logIn = async (page: Page, base: string, login: string, password: string, path = '/admin') => {
  await page.goto(`${base}${path}`);
  await page.fill('#login', login);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/admin/login"] button[type="submit"]')]);
};

beforeAll(async () => {
  target = await startSlapd();
  [browser, app] = await Promise.all([launchBrowser(), serveApp(consoleConfig())]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await target?.destroy();
});

describe('console in a browser', () => {
  it('lets a sysadmin find the failed job of a stopped target, retry it once the target is back, and watch it complete', async () => {
    const failed = await failedChange();
    const { page, cspViolations } = await openPage(browser, { width: 1280 });
    await logIn(page, app.url, SYSADMIN.login, SYSADMIN.password);
    expect(page.url()).toBe(`${app.url}/admin`);
    const card = page.locator(`.target-card[data-target="${TARGET}"]`);
    await expect.poll(() => card.locator('[data-stat="failed"] dd').textContent()).toBe('1');
    expect(await card.textContent()).toContain(failed.person.login);
    await screenshot(page, 'admin-overview-failed-1280');

    await Promise.all([page.waitForNavigation(), card.getByRole('link', { name: `Tâches en échec de ${TARGET}` }).click()]);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: failed.jobId }).click()]);
    expect(await page.locator('[data-field="state"] dd').textContent()).toBe('en échec');
    expect(await page.locator('.job-log li').first().textContent()).toMatch(/^attempt 1: (unavailable|timeout): .+\(final\)$/);
    expect(await page.content()).not.toContain(failed.password);
    await screenshot(page, 'admin-job-failed-1280');

    await target.start();
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Relancer…' }).click()]);
    expect(await page.locator('h1').textContent()).toBe('Relancer cette tâche ?');
    await screenshot(page, 'admin-confirm-retry-1280');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Confirmer la relance' }).click()]);
    expect(await page.getByRole('status').textContent()).toContain('Relance demandée');
    // Watched, not reloaded: a mark left on the page survives until the job shows as completed.
    await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
    await expect.poll(() => page.locator('[data-field="state"] dd').textContent(), { timeout: 20_000 }).toBe('terminée');
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    await screenshot(page, 'admin-job-completed-1280');
    expect(cspViolations).toEqual([]);
  });

  it('shows the help desk the person view, with retry but no discard, and refuses the discard page', async () => {
    const failed = await failedChange();
    const { page } = await openPage(browser, { width: 375 });
    await logIn(page, app.url, HELPDESK.login, HELPDESK.password);
    await page.getByRole('link', { name: 'Personne' }).click();
    await page.fill('#login', failed.person.login);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Rechercher' }).click()]);
    expect(await page.locator('h1').textContent()).toBe(`Personne : ${failed.person.login}`);
    const row = page.locator(`.target-state[data-target="${TARGET}"]`).first();
    expect(await row.locator('.tstate').textContent()).toBe('en échec');
    expect(await page.textContent('main')).toContain('changement avec l’ancien mot de passe');
    await screenshot(page, 'admin-person-helpdesk-375');
    await Promise.all([page.waitForNavigation(), row.getByRole('link', { name: `Ouvrir la tâche (${TARGET})` }).click()]);
    expect(await page.getByRole('link', { name: 'Relancer…' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Abandonner…' }).count()).toBe(0);
    const refused = await page.goto(`${app.url}/admin/confirm/discard?target=${TARGET}&job=${failed.jobId}`);
    expect(refused?.status()).toBe(403);
    expect(await page.textContent('main')).toContain('Vous n\'avez pas accès à cette page.');
  });

  it('refuses a person outside both groups with the wrong-password message', async () => {
    const outsider = fixture('jdupont');
    const { page } = await openPage(browser, { width: 375 });
    await logIn(page, app.url, outsider.login, outsider.password);
    expect(page.url()).toBe(`${app.url}/admin/login`);
    expect((await page.locator('#password-error').textContent())?.trim()).toBe('Identifiant ou mot de passe incorrect, ou compte sans accès à la console.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'admin-login-refused-375');
  });

  it('refuses an action posted without the session token', async () => {
    await target.start();
    const { page } = await openPage(browser, { width: 1280 });
    await logIn(page, app.url, SYSADMIN.login, SYSADMIN.password, `/admin/confirm/pause?target=${TARGET}`);
    expect(await page.locator('h1').textContent()).toBe('Mettre cette cible en pause ?');
    // The token of the action's own form (the log-out form in the bar has its own).
    await page.locator('form[action="/admin/actions/pause"] input[name="_csrf"]').evaluate((input) => input.remove());
    const [response] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Confirmer la mise en pause' }).click()]);
    expect(response?.status()).toBe(403);
    expect(await page.textContent('main')).toContain('Le formulaire a expiré ou provient d\'un autre site.');
    await screenshot(page, 'admin-csrf-refused-1280');
    expect((await app.runtime.services.syncAdmin!.overview())[0]!.paused).toBe(false);
  });

  it('ends an idle session: the next click leads to the log-in form, which says why', async () => {
    const short = await serveApp(consoleConfig({ admin: { sessionIdleMinutes: 0.05 } }));
    try {
      const { page } = await openPage(browser, { width: 375 });
      await logIn(page, short.url, SYSADMIN.login, SYSADMIN.password);
      expect(await page.locator('h1').textContent()).toBe('Vue d’ensemble des synchronisations');
      // The live refresh keeps running meanwhile; it does not count as activity.
      await page.waitForTimeout(4000);
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Journal d’audit' }).click()]);
      expect(page.url()).toContain('/admin/login?next=%2Fadmin%2Faudit&expired=1');
      expect(await page.getByRole('status').textContent()).toBe('Votre session a expiré. Connectez-vous à nouveau.');
      await screenshot(page, 'admin-session-expired-375');
    } finally {
      await short.close();
    }
  });

});

describe('console accessibility', () => {
  let pages: (readonly [string, string])[];
  beforeAll(async () => {
    const failed = await failedChange();
    await target.start();
    pages = [
      ['overview', '/admin'],
      ['jobs', `/admin/jobs?target=${TARGET}`],
      ['job', `/admin/jobs/${TARGET}/${failed.jobId}`],
      ['confirm-discard', `/admin/confirm/discard?target=${TARGET}&job=${failed.jobId}`],
      ['person', `/admin/person?login=${failed.person.login}`],
      ['audit', `/admin/audit?login=${failed.person.login}`],
    ];
  });

  it.each([['fr-FR', 375], ['fr-FR', 1280], ['en-GB', 375], ['en-GB', 1280]] as const)(
    'has no serious axe-core violation on any console page (%s, %i px), and nothing wider than the screen',
    async (locale, width) => {
      const lang = locale.slice(0, 2);
      const { page, cspViolations } = await openPage(browser, { width, locale });
      await page.goto(`${app.url}/admin/login`);
      expect(await seriousAccessibilityViolations(page), `login ${locale} ${width}`).toEqual([]);
      await screenshot(page, `admin-login-${lang}-${width}`);
      await logIn(page, app.url, SYSADMIN.login, SYSADMIN.password);
      for (const [name, path] of pages) {
        await page.goto(`${app.url}${path}`);
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        expect(await seriousAccessibilityViolations(page), `${name} ${locale} ${width}`).toEqual([]);
        // Only the tables' own regions may scroll sideways.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${name} ${locale} ${width} fits`).toBe(true);
        await screenshot(page, `admin-${name}-${lang}-${width}`);
      }
      expect(cspViolations).toEqual([]);
      await page.context().close();
    },
    120_000,
  );
});
