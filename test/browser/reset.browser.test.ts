/**
 * Both forgotten-password flows in Debian's chromium, from the first form to the final page, in
 * French and in English, at phone and desktop widths: axe-core on every page, screenshots into
 * test-output/screenshots/. The reset link is clicked from a page of another site (a stand-in for
 * a webmail), and the new-password form, served with Referrer-Policy: no-referrer, is posted for
 * real (Chromium then sends `Origin: null`).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { canBind, createPerson, startSmtpSink, strongPassword, testConfig, type SmtpSink, type TestPerson } from '../harness/index.ts';
import { linkIn, resetMailTo } from '../integration/support/reset.ts';
import { launchBrowser, openPage, screenshot, seriousAccessibilityViolations, serveApp, type ServedApp } from './support/browser.ts';

const servers = inject('servers');
let browser: Browser;
let app: ServedApp;
let sink: SmtpSink;
let webmail: Server;
let webmailUrl: string;
/** The link the stand-in webmail shows next. */
let webmailLink = '';

beforeAll(async () => {
  sink = await startSmtpSink();
  [browser, app] = await Promise.all([
    launchBrowser(),
    serveApp(
      testConfig(
        { ...servers, smtp: sink },
        {
          sync: { inProcessWorker: true },
          institution: { loginUrl: 'https://ent.ac-exemple.fr' },
          rateLimits: { resetMailPerAddress: { points: 1000, durationSeconds: 600, blockSeconds: 0 } },
        },
      ),
    ),
  ]);
  // A page on http://localhost:<port>: another site than http://127.0.0.1:<port> for Chromium.
  webmail = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="fr"><title>Webmail</title><main><a id="reset-link" href="${webmailLink}">cliquer ici</a></main></html>`);
  });
  await new Promise<void>((resolve) => webmail.listen(0, '127.0.0.1', resolve));
  webmailUrl = `http://localhost:${(webmail.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await sink?.stop();
  await new Promise((resolve) => webmail?.close(resolve));
});

const captchaAnswer = async (page: Page) => {
  const id = await page.locator('input[name="captchaId"]').inputValue();
  return (await page.request.get(`${app.url}/test/captcha/${id}`)).text();
};

const submit = (page: Page) => Promise.all([page.waitForLoadState('load'), page.waitForURL(() => true), page.click('form .actions button.button[type="submit"]')]);

const expectAccessible = async (page: Page, label: string) => {
  expect(await seriousAccessibilityViolations(page), label).toEqual([]);
};

type Run = { lang: 'fr' | 'en'; width: 375 | 1280 };
const RUNS: Run[] = [
  { lang: 'fr', width: 1280 },
  { lang: 'en', width: 375 },
];
const TEXT = {
  fr: { sent: 'Nous vous avons envoyé un mail pour réinitialiser votre mot de passe.', form: 'Nouveau mot de passe', done: 'Votre nouveau mot de passe est enregistré.', mismatch: 'Les informations saisies ne permettent pas de vous identifier', subject: /Réinitialisation/ },
  en: { sent: 'We have sent you an e-mail to reset your password.', form: 'New password', done: 'Your new password is saved.', mismatch: 'The information given does not identify you', subject: /Resetting/ },
};

describe('reset by e-mail link in a browser', () => {
  for (const { lang, width } of RUNS) {
    it(`${lang} at ${width} px: form, mail, link from another site, new password, success`, async () => {
      const person = await createPerson(servers.slapd, { language: lang });
      const { page, cspViolations } = await openPage(browser, { width, locale: lang === 'fr' ? 'fr-FR' : 'en-GB' });
      const shot = (name: string) => screenshot(page, `reset-mail-${name}-${lang}-${width}`);

      await page.goto(`${app.url}/forgot`);
      await expectAccessible(page, 'forgot form');
      await shot('1-form');
      await page.fill('#lastName', person.lastName);
      await page.fill('#firstName', person.firstName);
      await page.fill('#mail', person.mail!);
      await page.fill('input[name="captchaAnswer"]', await captchaAnswer(page));
      await submit(page);
      expect(page.url()).toBe(`${app.url}/forgot/sent`);
      expect(await page.textContent('main')).toContain(TEXT[lang].sent);
      await expectAccessible(page, 'sent page');
      await shot('2-sent');

      const mail = await resetMailTo(sink, person.mail!, TEXT[lang].subject);
      webmailLink = linkIn(mail);
      // The mail itself, as a mail client would show its HTML part.
      const mailView = await page.context().newPage();
      // mailparser has already turned the inline logo's cid: into a data: URL.
      await mailView.setContent(mail.html, { waitUntil: 'load' });
      await screenshot(mailView, `reset-mail-2b-mail-${lang}-${width}`);
      await mailView.close();
      await page.goto(webmailUrl);
      await Promise.all([page.waitForURL(`${app.url}/reset/password`), page.click('#reset-link')]);
      expect(page.url()).not.toContain(webmailLink.slice(-43));
      expect(await page.textContent('h1')).toBe(TEXT[lang].form);
      expect(await page.textContent('main')).toContain(person.login);
      await expectAccessible(page, 'new-password form');
      await shot('3-new-password');

      const newPassword = strongPassword();
      await page.fill('#newPassword', newPassword);
      await page.fill('#confirmPassword', newPassword);
      await page.fill('input[name="captchaAnswer"]', await captchaAnswer(page));
      const posted = page.waitForRequest((request) => request.method() === 'POST' && request.url().endsWith('/reset/password'));
      await submit(page);
      expect((await posted).headers().origin).toBe('null');
      expect(await page.textContent('main')).toContain(TEXT[lang].done);
      expect(await page.getAttribute('main a.button', 'href')).toBe('https://ent.ac-exemple.fr');
      await expectAccessible(page, 'success page');
      await shot('4-success');
      expect(await canBind(servers.slapd.url, person.dn, newPassword, servers.slapd.caFile)).toBe(true);

      // The same link again: one clear page with a way to ask again.
      await page.goto(webmailUrl);
      await Promise.all([page.waitForLoadState('load'), page.click('#reset-link')]);
      expect(await page.locator('main a[href="/forgot"]').count()).toBe(1);
      await expectAccessible(page, 'invalid link page');
      await shot('5-invalid');
      expect(cspViolations).toEqual([]);
      await page.context().close();
    });
  }

  it('shows a policy failure on the form without losing the link, focused on the password', async () => {
    const person = await createPerson(servers.slapd);
    const { page } = await openPage(browser, { width: 375 });
    await page.goto(`${app.url}/forgot`);
    await page.fill('#lastName', person.lastName);
    await page.fill('#firstName', person.firstName);
    await page.fill('#mail', person.mail!);
    await page.fill('input[name="captchaAnswer"]', await captchaAnswer(page));
    await submit(page);
    webmailLink = linkIn(await resetMailTo(sink, person.mail!));
    await page.goto(webmailLink);
    await page.fill('#newPassword', 'motdepasse');
    await page.fill('#confirmPassword', 'motdepasse');
    await page.fill('input[name="captchaAnswer"]', await captchaAnswer(page));
    await submit(page);
    expect(await page.locator('.error-summary').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('newPassword');
    await expectAccessible(page, 'policy error');
    await screenshot(page, 'reset-mail-policy-error-fr-375');
    const newPassword = strongPassword();
    await page.fill('#newPassword', newPassword);
    await page.fill('#confirmPassword', newPassword);
    await page.fill('input[name="captchaAnswer"]', await captchaAnswer(page));
    await submit(page);
    expect(await page.textContent('main')).toContain(TEXT.fr.done);
    await page.context().close();
  });
});

describe('reset by identity proof in a browser', () => {
  const proofsOf = (who: TestPerson) => ({ login: who.login, staffNumber: who.employeeNumber!, birthDate: '12/03/1984' });

  for (const { lang, width } of [{ lang: 'fr', width: 375 }, { lang: 'en', width: 1280 }] as const) {
    it(`${lang} at ${width} px: a wrong proof, then the right ones, then success`, async () => {
      const who = await createPerson(servers.slapd, { employeeNumber: `09E${Date.now().toString().slice(-7)}ABC`, birthDate: '19840312', language: lang });
      const { page, cspViolations } = await openPage(browser, { width, locale: lang === 'fr' ? 'fr-FR' : 'en-GB' });
      const shot = (name: string) => screenshot(page, `reset-identity-${name}-${lang}-${width}`);
      await page.goto(`${app.url}/reset/identity`);
      await expectAccessible(page, 'identity form');
      await shot('1-form');

      const fill = async (fields: Record<string, string>, password: string) => {
        for (const [name, value] of Object.entries(fields)) await page.fill(`#${name}`, value);
        await page.fill('#newPassword', password);
        await page.fill('#confirmPassword', password);
        await page.fill('input[name="captchaAnswer"]', await captchaAnswer(page));
        await submit(page);
      };
      await fill({ ...proofsOf(who), birthDate: '13/03/1984' }, strongPassword());
      expect(await page.locator('.error-summary').textContent()).toContain(TEXT[lang].mismatch);
      expect(await page.inputValue('#login')).toBe(who.login);
      expect(await page.inputValue('#newPassword')).toBe('');
      await expectAccessible(page, 'identity mismatch');
      await shot('2-mismatch');

      const newPassword = strongPassword();
      await fill(proofsOf(who), newPassword);
      expect(await page.textContent('main')).toContain(TEXT[lang].done);
      await expectAccessible(page, 'identity success');
      await shot('3-success');
      expect(await canBind(servers.slapd.url, who.dn, newPassword, servers.slapd.caFile)).toBe(true);
      expect(cspViolations).toEqual([]);
      await page.context().close();
    });
  }

  it('works with JavaScript off', async () => {
    const who = await createPerson(servers.slapd, { employeeNumber: `11E${Date.now().toString().slice(-7)}XYZ`, birthDate: '19840312' });
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 }, locale: 'fr-FR', extraHTTPHeaders: { 'accept-language': 'fr-FR,fr;q=0.9' } });
    const page = await context.newPage();
    await page.goto(`${app.url}/reset/identity`);
    const newPassword = strongPassword();
    for (const [name, value] of Object.entries({ ...proofsOf(who), newPassword, confirmPassword: newPassword })) await page.fill(`#${name}`, value);
    await page.fill('input[name="captchaAnswer"]', await captchaAnswer(page));
    await submit(page);
    expect(await page.textContent('main')).toContain(TEXT.fr.done);
    expect(await canBind(servers.slapd.url, who.dn, newPassword, servers.slapd.caFile)).toBe(true);
    await context.close();
  });
});
