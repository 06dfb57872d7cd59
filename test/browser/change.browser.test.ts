/**
 * The change page in Debian's chromium: a person types, watches the meter and the checklist, solves
 * the captcha (test hook), submits, and can then bind with the new password. Also the page without
 * JavaScript, keyboard only, axe-core, and screenshots at phone and desktop widths.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { canBind, createPerson, strongPassword, testConfig } from '../harness/index.ts';
import { launchBrowser, openPage, screenshot, seriousAccessibilityViolations, serveApp, type ServedApp } from './support/browser.ts';

const servers = inject('servers');
let browser: Browser;
let app: ServedApp;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), serveApp(testConfig(servers))]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const captchaAnswer = async (page: import('playwright-core').Page) => {
  const id = await page.locator('input[name="captchaId"]').inputValue();
  const response = await page.request.get(`${app.url}/test/captcha/${id}`);
  return response.text();
};

describe('change page in a browser', () => {
  it('changes a password end to end, with the meter and checklist reacting as the person types', async () => {
    const person = await createPerson(servers.slapd);
    const newPassword = strongPassword();
    const { page, cspViolations } = await openPage(browser, { width: 1280 });
    await page.goto(`${app.url}/change`);
    await page.fill('#login', person.login);
    await page.fill('#currentPassword', person.password);

    await page.locator('#newPassword').pressSequentially('abc');
    const meter = page.locator('#newPassword-meter');
    await expect.poll(() => meter.textContent(), { timeout: 20_000 }).toMatch(/%/);
    const weakText = await meter.textContent();
    await expect.poll(() => page.locator('[data-checklist-for="newPassword"] li[data-rule="min_length"]').getAttribute('data-ok')).toBe('false');

    await page.fill('#newPassword', newPassword);
    await page.locator('#newPassword').dispatchEvent('input');
    await expect.poll(() => page.locator('[data-checklist-for="newPassword"] li[data-rule="min_length"]').getAttribute('data-ok')).toBe('true');
    await expect.poll(() => meter.textContent(), { timeout: 20_000 }).not.toBe(weakText);

    await page.fill('#confirmPassword', newPassword);
    await page.locator('#confirmPassword').dispatchEvent('input');
    await expect.poll(() => page.locator('#confirmPassword-match').textContent()).toMatch(/identiques|correspond/i);

    await page.fill('input[name="captchaAnswer"]', await captchaAnswer(page));
    await screenshot(page, 'change-filled-1280');
    await Promise.all([page.waitForNavigation(), page.click('.actions button[type="submit"]')]);
    await expect.poll(() => page.textContent('main')).toContain('La modification de votre mot de passe a été effectuée');
    await screenshot(page, 'change-success-1280');
    expect(await canBind(servers.slapd.url, person.dn, newPassword, servers.slapd.caFile)).toBe(true);
    expect(cspViolations).toEqual([]);
  });

  it('has no serious accessibility violation, in French and in English, at phone and desktop widths', async () => {
    for (const [locale, width] of [['fr-FR', 375], ['fr-FR', 1280], ['en-GB', 375], ['en-GB', 1280]] as const) {
      const { page } = await openPage(browser, { width, locale });
      await page.goto(`${app.url}/change`);
      expect(await seriousAccessibilityViolations(page), `${locale} ${width}`).toEqual([]);
      await screenshot(page, `change-${locale.slice(0, 2)}-${width}`);
      await page.goto(`${app.url}/`);
      expect(await seriousAccessibilityViolations(page), `home ${locale} ${width}`).toEqual([]);
      await screenshot(page, `home-${locale.slice(0, 2)}-${width}`);
      await page.context().close();
    }
  });

  it('shows the errors after a failed submission, focused, and they pass axe too', async () => {
    const person = await createPerson(servers.slapd);
    const { page } = await openPage(browser, { width: 375 });
    await page.goto(`${app.url}/change`);
    await page.fill('#login', person.login);
    await page.fill('#currentPassword', 'Wrong-password-1!');
    await page.fill('#newPassword', 'Un-Mot-De-Passe-Neuf-42');
    await page.fill('#confirmPassword', 'Un-Mot-De-Passe-Neuf-42');
    await page.fill('input[name="captchaAnswer"]', await captchaAnswer(page));
    await Promise.all([page.waitForNavigation(), page.click('.actions button[type="submit"]')]);
    expect(await page.locator('.error-summary').textContent()).toContain('Identifiant ou mot de passe actuel incorrect');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('currentPassword');
    expect(await page.inputValue('#login')).toBe(person.login);
    expect(await page.inputValue('#newPassword')).toBe('');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'change-error-375');
  });

  it('works with JavaScript off', async () => {
    const person = await createPerson(servers.slapd);
    const newPassword = strongPassword();
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${app.url}/change`);
    expect(await page.locator('[data-checklist-for="newPassword"] li').count()).toBeGreaterThanOrEqual(5);
    await page.fill('#login', person.login);
    await page.fill('#currentPassword', person.password);
    await page.fill('#newPassword', newPassword);
    await page.fill('#confirmPassword', newPassword);
    await page.fill('input[name="captchaAnswer"]', await captchaAnswer(page));
    await Promise.all([page.waitForNavigation(), page.click('.actions button[type="submit"]')]);
    expect(await page.textContent('main')).toContain('La modification de votre mot de passe a été effectuée');
    expect(await canBind(servers.slapd.url, person.dn, newPassword, servers.slapd.caFile)).toBe(true);
    await context.close();
  });

  it('can be completed with the keyboard alone', async () => {
    const person = await createPerson(servers.slapd);
    const newPassword = strongPassword();
    const { page } = await openPage(browser, { width: 1280 });
    await page.goto(`${app.url}/change`);
    const answer = await captchaAnswer(page);
    await page.keyboard.press('Tab'); // skip link
    const typed: Record<string, string> = { login: person.login, currentPassword: person.password, newPassword, confirmPassword: newPassword, captchaAnswer: answer };
    for (let i = 0; i < 30 && Object.keys(typed).length > 0; i += 1) {
      await page.keyboard.press('Tab');
      const name = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? '');
      if (typed[name] !== undefined) {
        await page.keyboard.type(typed[name]!);
        delete typed[name];
      }
    }
    expect(Object.keys(typed)).toEqual([]);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.textContent('main')).toContain('La modification de votre mot de passe a été effectuée');
  });
});
