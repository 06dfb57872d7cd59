/**
 * @module test/browser/support/browser
 * Debian's chromium driven by playwright-core (never a downloaded browser), a real HTTP listener
 * for the app, an axe-core check, CSP-violation capture and screenshots into test-output/.
 */
import { serve, type ServerType } from '@hono/node-server';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { AddressInfo } from 'node:net';
import type { Config } from '../../../src/config/schema.ts';
import { makeApp, type TestApp } from '../../integration/support/app.ts';

export const SCREENSHOTS = join('test-output', 'screenshots');

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.PASSERELLE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });

export interface ServedApp extends TestApp {
  url: string;
}

/** The app on a real loopback port, with publicUrl set to it (links in mails, CSRF origin). */
export const serveApp = async (config: Config): Promise<ServedApp> => {
  let server: ServerType | undefined;
  const port = await new Promise<number>((resolve) => {
    const probe = serve({ fetch: () => new Response(null), port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      probe.close(() => resolve(info.port));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const app = await makeApp({ ...config, server: { ...config.server, publicUrl: url } }, { keep: true });
  server = serve({ fetch: app.runtime.app.fetch, port, hostname: '127.0.0.1' });
  return {
    ...app,
    url,
    close: async () => {
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      await app.close();
    },
  };
};

export interface WatchedPage {
  page: Page;
  /** Console messages about the Content-Security-Policy: must stay empty. */
  cspViolations: string[];
}

export const openPage = async (browser: Browser, options: { width: number; height?: number; locale?: string }): Promise<WatchedPage> => {
  const context = await browser.newContext({
    viewport: { width: options.width, height: options.height ?? 900 },
    locale: options.locale ?? 'fr-FR',
    extraHTTPHeaders: { 'accept-language': options.locale === 'en-GB' ? 'en-GB,en;q=0.9' : 'fr-FR,fr;q=0.9' },
  });
  const page = await context.newPage();
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
  });
  return { page, cspViolations };
};

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: number;
}

/** Runs axe-core (WCAG 2.x A/AA rules) in the page; returns the serious and critical violations. */
export const seriousAccessibilityViolations = async (page: Page): Promise<AxeViolation[]> => {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: unknown[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
};

/** Saves a full-page screenshot as test-output/screenshots/<name>.png and returns the path. */
export const screenshot = async (page: Page, name: string): Promise<string> => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
};
