/**
 * @module http/pages/admin/live
 * GET /admin/live?view=overview | view=job&target=…&job=…: server-sent events that carry the
 * page's live part again whenever it changed (`event: update`, the HTML fragment as data), read
 * every couple of seconds. The stream does not count as activity: it stops, with `event: end`,
 * when the session's idle or absolute time is up or the session is gone, and the page's script
 * then stops listening.
 */
import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { PasserelleError } from '../../../errors.ts';
import { adminSession, type AdminEnv } from '../../middleware/admin-session.ts';
import { jobDetails } from '../../views/admin/job.ts';
import { overviewCards } from '../../views/admin/overview.ts';
import type { Html } from '../../views/layout.ts';
import { consoleFlows } from './console-flows.ts';

/** How often the data is read again. */
const INTERVAL_MS = 2000;

/** The renderer of the asked view; `not_found` for anything else. */
const viewOf = (c: Context<AdminEnv>): (() => Html | Promise<Html>) => {
  const flows = consoleFlows(c);
  const { t, lang } = c.var;
  const timeZone = c.var.services.config.mail.timeZone;
  const view = c.req.query('view');
  if (view === 'overview') return async () => overviewCards({ t, lang, timeZone, overview: await flows.overview() });
  const target = c.req.query('target');
  const jobId = c.req.query('job');
  if (view === 'job' && target && jobId && flows.targets.includes(target)) return async () => jobDetails({ t, lang, timeZone, job: await flows.job(target, jobId) });
  throw new PasserelleError('not_found', 'no such live view');
};

export const registerConsoleLive = (admin: Hono<AdminEnv>) => {
  admin.get('/live', adminSession({ renew: false }), (c) => {
    const render = viewOf(c);
    const flows = consoleFlows(c);
    const { admin: session, adminSessionId: id, log } = c.var;
    const limits = c.var.services.config.admin;
    const endAt = Math.min(session.lastSeenAt + limits.sessionIdleMinutes * 60_000, session.createdAt + limits.sessionAbsoluteMinutes * 60_000);
    return streamSSE(c, async (stream) => {
      let aborted = false;
      stream.onAbort(() => {
        aborted = true;
      });
      let last = '';
      while (!aborted && Date.now() < endAt) {
        try {
          const text = String(await render());
          if (text !== last) {
            last = text;
            await stream.writeSSE({ event: 'update', data: text });
          }
        } catch (error) {
          // The job is gone (discarded, or removed with its history): nothing more will come.
          if (error instanceof PasserelleError && error.code === 'not_found') break;
          // Redis away for a moment: keep the page as it is and try again.
          log.warn({ err: error }, 'console live view not refreshed');
        }
        await stream.sleep(Math.min(INTERVAL_MS, Math.max(0, endAt - Date.now())));
        if (!(await flows.peekSession(id).catch(() => session))) break;
      }
      if (!aborted) await stream.writeSSE({ event: 'end', data: '' });
    });
  });
};
