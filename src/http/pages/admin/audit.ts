/**
 * @module http/pages/admin/audit
 * GET /admin/audit: events by login, kind and time range (typed in the institution's zone),
 * newest first, 50 per page, `before` naming where the previous page stopped.
 */
import type { Hono } from 'hono';
import { isAuditKind } from '../../../flows/console/audit.ts';
import type { AdminEnv } from '../../middleware/admin-session.ts';
import { auditPage } from '../../views/admin/audit.ts';
import { parseLocalTime } from '../../views/admin/time.ts';
import { consoleFlows } from './console-flows.ts';
import { renderConsole } from './render.ts';

export const registerConsoleAudit = (admin: Hono<AdminEnv>) => {
  admin.get('/audit', async (c) => {
    const { t, lang } = c.var;
    const timeZone = c.var.services.config.mail.timeZone;
    const login = c.req.query('login')?.trim().slice(0, 256) || undefined;
    const kindParam = c.req.query('kind');
    const kind = isAuditKind(kindParam) ? kindParam : undefined;
    const since = parseLocalTime(c.req.query('since'), timeZone);
    const until = parseLocalTime(c.req.query('until'), timeZone);
    const before = c.req.query('before')?.match(/^\d{1,15}-\d{1,20}$/)?.[0];
    const page = await consoleFlows(c).audit({ login, kind, since, until, before, pageSize: 50 });
    const body = auditPage({
      t, lang, timeZone,
      // Only what was understood is shown back: a malformed time is dropped, not echoed.
      filter: { login, kind, since: since ? c.req.query('since') : undefined, until: until ? c.req.query('until') : undefined },
      events: page.events,
      next: page.next,
      paged: before !== undefined,
    });
    return renderConsole(c, { title: t('admin.audit.title'), section: 'audit', body });
  });
};
