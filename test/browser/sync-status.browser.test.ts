/**
 * The success page after a change, in Debian's chromium: each downstream target is listed « en
 * attente », then ticks to « à jour » (or says it failed, and why) without a reload, through the
 * sync-status script polling the API under the page's CSP; polling stops once nothing is pending.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPerson, startSlapd, strongPassword, testConfig, type SlapdHandle } from '../harness/index.ts';
import { makeCommandReceiver, type CommandReceiver } from '../integration/sync/support/receivers.ts';
import { commandTarget, createTargetEntry, fastSync, ldapTarget } from '../integration/sync/support/targets.ts';
import { launchBrowser, openPage, screenshot, seriousAccessibilityViolations, serveApp, type ServedApp } from './support/browser.ts';

const servers = inject('servers');
let browser: Browser;
let app: ServedApp;
let target: SlapdHandle;
let command: CommandReceiver;

beforeAll(async () => {
  [browser, target] = await Promise.all([launchBrowser(), startSlapd()]);
  command = makeCommandReceiver();
  app = await serveApp(
    testConfig(servers, {
      sync: {
        ...fastSync,
        inProcessWorker: true,
        targets: [
          ldapTarget(target),
          commandTarget(command),
          // Nobody's entry lives under this base: this target fails for good, at once.
          ldapTarget(target, { name: 'annuaire-vide', label: { fr: 'Annuaire vide' }, base: `ou=groups,${target.baseDn}` }),
        ],
      },
    }),
  );
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await target?.destroy();
});

const item = (page: Page, name: string) => page.locator(`.sync-target[data-target="${name}"]`);

describe('the success page follows the copy to each target', () => {
  it('shows each target pending, then done or failed with its reason, and stops polling', async () => {
    const person = await createPerson(servers.slapd);
    await createTargetEntry(target, person.login);
    const newPassword = strongPassword();
    // The command target takes two seconds: the page shows it waiting first.
    command.setDelay(2);
    const { page, cspViolations } = await openPage(browser, { width: 375 });
    const polls: number[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/password/sync-status/')) polls.push(Date.now());
    });
    try {
      await page.goto(`${app.url}/change`);
      await page.fill('#login', person.login);
      await page.fill('#currentPassword', person.password);
      await page.fill('#newPassword', newPassword);
      await page.fill('#confirmPassword', newPassword);
      const id = await page.locator('input[name="captchaId"]').inputValue();
      await page.fill('input[name="captchaAnswer"]', await (await page.request.get(`${app.url}/test/captcha/${id}`)).text());
      await Promise.all([page.waitForNavigation(), page.click('.actions button[type="submit"]')]);

      await expect.poll(() => page.textContent('main')).toContain('Vous devrez attendre au maximum 30 minutes');
      expect(await item(page, 'script-ent').getAttribute('data-state')).toBe('pending');
      expect(await item(page, 'script-ent').locator('.sync-target__state').textContent()).toBe('en attente');
      await screenshot(page, 'sync-status-pending-375');

      await expect.poll(() => item(page, 'annuaire-pedago').getAttribute('data-state'), { timeout: 15_000 }).toBe('done');
      expect(await item(page, 'annuaire-pedago').locator('.sync-target__state').textContent()).toBe('à jour');
      await expect.poll(() => item(page, 'annuaire-vide').getAttribute('data-state'), { timeout: 15_000 }).toBe('failed');
      expect(await item(page, 'annuaire-vide').locator('.sync-target__state').textContent()).toBe(
        'échec : l’assistance est prévenue (aucun compte à votre nom dans ce service)',
      );
      await expect.poll(() => item(page, 'script-ent').getAttribute('data-state'), { timeout: 20_000 }).toBe('done');
      expect(command.passwordOf(person.login)).toBe(newPassword);
      await screenshot(page, 'sync-status-final-375');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);

      // Everything is final: no more polling.
      const count = polls.length;
      await page.waitForTimeout(3000);
      expect(polls.length).toBe(count);
      expect(cspViolations).toEqual([]);
    } finally {
      command.setDelay(0);
    }
  });
});
