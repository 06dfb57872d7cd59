/**
 * @module http/pages/admin/jobs
 * GET /admin/jobs (list with filters and pages) and GET /admin/jobs/:target/:id (one job's
 * history, with the actions the role allows). Filters are plain query parameters, so a filtered
 * list can be bookmarked or sent to a colleague.
 */
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { PasserelleError } from '../../../errors.ts';
import type { JobStateFilter } from '../../../ports/sync-admin.ts';
import type { AdminEnv } from '../../middleware/admin-session.ts';
import { jobPage } from '../../views/admin/job.ts';
import { JOB_STATES, jobsPage } from '../../views/admin/jobs.ts';
import { consoleFlows } from './console-flows.ts';
import { renderConsole } from './render.ts';

const PAGE_SIZE = 25;

/** Notices after an action, by outcome (the only values `done` may take). */
const DONE = ['retried', 'expired', 'discarded', 'paused', 'resumed', 'retried-all'] as const;
export type DoneNotice = (typeof DONE)[number];
export const isDone = (value: string | undefined): value is DoneNotice => (DONE as readonly string[]).includes(value ?? '');

export const registerConsoleJobs = (admin: Hono<AdminEnv>) => {
  admin.get('/jobs', async (c) => {
    const { t, lang } = c.var;
    const flows = consoleFlows(c);
    if (flows.targets.length === 0) {
      const body = html`<h1 id="page-title">${t('admin.jobs.title')}</h1><p class="notice">${t('admin.overview.none')}</p>`;
      return renderConsole(c, { title: t('admin.jobs.title'), section: 'jobs', body });
    }
    const asked = c.req.query('target');
    const target = asked && flows.targets.includes(asked) ? asked : flows.targets[0]!;
    const stateParam = c.req.query('state');
    const state = JOB_STATES.includes(stateParam as JobStateFilter) ? (stateParam as JobStateFilter) : undefined;
    const login = c.req.query('login')?.trim().slice(0, 256) || undefined;
    const page = Math.min(Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1), 1000);
    const [jobs, overview] = await Promise.all([
      flows.jobs({ target, state, login, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE + 1 }),
      flows.overview(),
    ]);
    const paused = overview.targets.find((item) => item.name === target)?.paused ?? false;
    const body = jobsPage({
      t, lang, timeZone: c.var.services.config.mail.timeZone, role: c.var.admin.role, targets: flows.targets,
      filter: { target, state, login, page }, jobs: jobs.slice(0, PAGE_SIZE), more: jobs.length > PAGE_SIZE, paused,
    });
    const done = c.req.query('done');
    const notice = isDone(done) ? html`<p class="notice notice--success" role="status">${t(`admin.done.${done}`)}</p>` : '';
    return renderConsole(c, { title: t('admin.jobs.title'), section: 'jobs', body: html`${notice}${body}` });
  });

  admin.get('/jobs/:target/:id', async (c) => {
    const { t, lang } = c.var;
    const flows = consoleFlows(c);
    const target = c.req.param('target');
    if (!flows.targets.includes(target)) throw new PasserelleError('not_found', 'unknown target');
    const job = await flows.job(target, c.req.param('id'));
    const done = c.req.query('done');
    const body = jobPage({
      t, lang, timeZone: c.var.services.config.mail.timeZone, role: c.var.admin.role, job,
      notice: isDone(done) ? t(`admin.done.${done}`) : undefined,
    });
    return renderConsole(c, { title: t('admin.job.title', { id: job.id }), section: 'jobs', body, live: true });
  });
};
