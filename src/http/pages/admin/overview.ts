/**
 * @module http/pages/admin/overview
 * GET /admin: the overview per target. Its cards are refreshed in place by the live stream
 * (admin-live script); without JavaScript the page shows the figures of the moment it was loaded.
 */
import type { Hono } from 'hono';
import { html } from 'hono/html';
import type { AdminEnv } from '../../middleware/admin-session.ts';
import { overviewCards } from '../../views/admin/overview.ts';
import { consoleFlows } from './console-flows.ts';
import { renderConsole } from './render.ts';

export const registerConsoleOverview = (admin: Hono<AdminEnv>) => {
  admin.get('/', async (c) => {
    const { t, lang } = c.var;
    const { config } = c.var.services;
    const overview = await consoleFlows(c).overview();
    const body = html`<h1 id="page-title">${t('admin.overview.title')}</h1>
      <p class="lead">${t('admin.overview.intro', { promise: config.sync.promiseMinutes, warn: config.sync.warnAfterMinutes })}</p>
      <div class="live-region" data-live="overview">${overviewCards({ t, lang, timeZone: config.mail.timeZone, overview })}</div>`;
    return renderConsole(c, { title: t('admin.overview.title'), section: 'overview', body, live: true });
  });
};
