/**
 * The captcha field in Debian's chromium, under the app's real CSP middleware and with the real
 * adapters on the run's Redis: « Nouvelle image » with and without JavaScript, Enter still
 * submitting the form, and the Altcha widget solving its challenge with our own worker and
 * stylesheet. The page is a bare form around captchaField, so that only the captcha is under test.
 */
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import { html } from 'hono/html';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCaptcha, type Captcha } from '../../src/adapters/captcha/index.ts';
import { createRedis, waitReady } from '../../src/adapters/redis/connection.ts';
import { captchaSection } from '../../src/config/flows.ts';
import type { AppEnv, AppServices } from '../../src/http/env.ts';
import { securityHeaders } from '../../src/http/middleware/security.ts';
import { registerCaptchaRoutes } from '../../src/http/pages/captcha.ts';
import { captchaField } from '../../src/http/views/captcha.ts';
import { translator } from '../../src/i18n/index.ts';

// support/browser.ts builds the whole app (compose.ts); this file needs only chromium, so it
// launches it the same way and keeps the same CSP-violation capture.
const launchBrowser = () =>
  chromium.launch({ executablePath: process.env.PASSERELLE_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });

const openPage = async (on: Browser, { width }: { width: number }) => {
  const page = await (await on.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' })).newPage();
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
  });
  return { page, cspViolations };
};

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe-core findings (WCAG 2.x A/AA) on the captcha field only. */
const captchaAccessibilityProblems = async (page: Page) => {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Axe = { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
    const { violations } = await (globalThis as unknown as { axe: Axe }).axe.run('[data-captcha]', {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
  });
};

const screenshot = async (page: Page, name: string) => {
  mkdirSync('test-output/screenshots', { recursive: true });
  await page.screenshot({ path: `test-output/screenshots/${name}.png`, fullPage: true });
};

const servers = inject('servers');
const redis = createRedis({ url: servers.redis.url, keyPrefix: 'captcha-browser', commandTimeoutMs: 2000 }, 'web');
let browser: Browser;

interface FormServer {
  url: string;
  captcha: Captcha;
  /** What each POST carried, newest last. */
  posts: Record<string, string>[];
  close(): Promise<void>;
}

/** GET / renders a form with a login field, the captcha and a submit button; POST / records the post and verifies. */
const serveForm = async (kind: 'image' | 'altcha'): Promise<FormServer> => {
  const captcha = createCaptcha(captchaSection.parse({ kind, testHook: kind === 'image', altchaMaxNumber: 20_000 }), {
    redis,
    keyPrefix: `captcha-browser-${kind}`,
    hmacKey: 'browser test secret',
  });
  const posts: Record<string, string>[] = [];
  const t = translator('fr');
  const app = new OpenAPIHono<AppEnv>();
  app.use(async (c, next) => {
    const limits = { consume: async () => {}, check: async () => {}, reset: async () => {} };
    c.set('services', { captcha, captchaAnswerForTests: captcha.answerForTests, limits } as unknown as AppServices);
    await next();
  });
  app.use(securityHeaders());
  app.use('/static/*', serveStatic({ root: 'templates' }));
  app.use('/static/*', serveStatic({ root: 'dist' }));
  registerCaptchaRoutes(app);
  const page = async (verdict: string, login = '') =>
    html`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Captcha</title></head><body><main>
      <p id="verdict">${verdict}</p>
      <form method="post" action="/">
        <label for="login">Identifiant</label><input id="login" name="login" value="${login}">
        ${captchaField({ challenge: await captcha.create(), t })}
        <button type="submit" class="button">Enregistrer</button>
      </form></main></body></html>`;
  app.get('/', async (c) => c.html(await page('')));
  app.post('/', async (c) => {
    const form = Object.fromEntries(Object.entries(await c.req.parseBody()).map(([k, v]) => [k, String(v)]));
    posts.push(form);
    if (form.intent === 'new-captcha') return c.html(await page('', form.login));
    const ok = kind === 'image' ? await captcha.verify(form.captchaId ?? '', form.captchaAnswer ?? '') : await captcha.verify('', form.altcha ?? '');
    return c.html(await page(ok ? 'captcha ok' : 'captcha refused', form.login));
  });
  const server: ServerType = await new Promise((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, captcha, posts, close: () => new Promise((resolve) => server.close(() => resolve())) };
};

beforeAll(async () => {
  for (const asset of ['captcha.js', 'altcha.js', 'altcha.css', 'altcha-worker.js']) {
    if (!existsSync(`dist/static/js/${asset}`)) throw new Error(`dist/static/js/${asset} missing: run npm run build:assets first`);
  }
  await waitReady(redis);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  redis.disconnect();
});

const captchaId = (page: Page) => page.locator('input[name="captchaId"]').inputValue();

describe('image captcha in a browser', () => {
  let server: FormServer;
  beforeAll(async () => {
    server = await serveForm('image');
  });
  afterAll(async () => server?.close());

  it('« Nouvelle image » swaps image and id in place, empties the answer, focuses it and says so', async () => {
    const { page, cspViolations } = await openPage(browser, { width: 1280 });
    await page.goto(server.url);
    await page.fill('#login', 'jdupont');
    const image = page.locator('img.captcha-image');
    const [firstId, firstSrc] = [await captchaId(page), await image.getAttribute('src')];
    await page.fill('#captchaAnswer', 'ABCDE');

    const refresh = page.waitForResponse((response) => response.url().endsWith('/captcha/new'));
    await page.getByRole('button', { name: 'Nouvelle image' }).click();
    expect((await refresh).status()).toBe(200);
    await expect.poll(() => captchaId(page)).not.toBe(firstId);
    expect(await image.getAttribute('src')).not.toBe(firstSrc);
    expect(await page.inputValue('#captchaAnswer')).toBe('');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('captchaAnswer');
    await expect.poll(() => page.locator('[data-captcha-status]').textContent()).toBe('Nouvelle image affichée');
    expect(await page.inputValue('#login')).toBe('jdupont');
    expect(server.posts).toHaveLength(0);
    expect(await captchaAccessibilityProblems(page)).toEqual([]);

    // The new image is the live one: its answer is accepted.
    await page.fill('#captchaAnswer', server.captcha.answerForTests?.(await captchaId(page)) ?? '');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Enregistrer' }).click()]);
    expect(await page.textContent('#verdict')).toBe('captcha ok');
    await screenshot(page, 'captcha-image-1280');
    expect(cspViolations).toEqual([]);
  });

  it('without JavaScript, « Nouvelle image » posts intent=new-captcha and the page comes back with a new image', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url);
    const firstId = await captchaId(page);
    await page.fill('#login', 'jdupont');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Nouvelle image' }).click()]);
    expect(server.posts.at(-1)).toMatchObject({ intent: 'new-captcha', login: 'jdupont' });
    expect(await captchaId(page)).not.toBe(firstId);
    expect(await page.inputValue('#login')).toBe('jdupont');
    await context.close();
  });

  it('Enter in the answer field submits the form (no intent), with or without JavaScript', async () => {
    for (const javaScriptEnabled of [false, true]) {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(server.url);
      const id = await captchaId(page);
      await page.fill('#captchaAnswer', ` ${(server.captcha.answerForTests?.(id) ?? '').toLowerCase()} `);
      await Promise.all([page.waitForNavigation(), page.press('#captchaAnswer', 'Enter')]);
      expect(server.posts.at(-1), `javaScriptEnabled: ${javaScriptEnabled}`).not.toHaveProperty('intent');
      expect(await page.textContent('#verdict')).toBe('captcha ok');
      await context.close();
    }
  });
});

describe('altcha captcha in a browser', () => {
  let server: FormServer;
  beforeAll(async () => {
    server = await serveForm('altcha');
  });
  afterAll(async () => server?.close());

  it('solves under the CSP with our worker and stylesheet, in French, and the server accepts it once', async () => {
    const { page, cspViolations } = await openPage(browser, { width: 1280 });
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.goto(server.url);
    const checkbox = page.getByRole('checkbox', { name: 'Je ne suis pas un robot' });
    await expect.poll(() => checkbox.getAttribute('aria-describedby')).toBe('altcha-hint');
    // altcha.css (from our origin, no inline <style>) applied: the box is drawn by it, 22 px square.
    expect(await checkbox.evaluate((el) => [getComputedStyle(el).appearance, getComputedStyle(el).width])).toEqual(['none', '22px']);
    // A click in the middle of the box reaches the checkbox (the widget's tick SVG lies over it).
    const box = await checkbox.boundingBox();
    expect(await page.evaluate(([x, y]) => document.elementFromPoint(x ?? 0, y ?? 0)?.getAttribute('type'), [box!.x + box!.width / 2, box!.y + box!.height / 2])).toBe('checkbox');
    // Keyboard only: Tab from the login field reaches the box, Space ticks it.
    await page.focus('#login');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('checkbox');
    await page.keyboard.press('Space');
    const payload = page.locator('input[type="hidden"][name="altcha"]');
    await expect.poll(() => payload.inputValue(), { timeout: 30_000 }).not.toBe('');
    expect(workers.length).toBeGreaterThan(0);
    expect(new Set(workers)).toEqual(new Set([`${server.url}/static/js/altcha-worker.js`]));
    await screenshot(page, 'captcha-altcha-1280');
    expect(await captchaAccessibilityProblems(page)).toEqual([]);

    const posted = await payload.inputValue();
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Enregistrer' }).click()]);
    expect(await page.textContent('#verdict')).toBe('captcha ok');
    // The same payload a second time (a replayed post) is refused.
    expect(await server.captcha.verify('', posted)).toBe(false);
    expect(cspViolations).toEqual([]);
  });

  it('tells people without JavaScript what is missing', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url);
    expect(await page.locator('.captcha--altcha').textContent()).toContain('Cette vérification anti-robot a besoin de JavaScript');
    await context.close();
  });
});
