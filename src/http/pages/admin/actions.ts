/**
 * @module http/pages/admin/actions
 * GET /admin/confirm/:action shows what an action will do; POST /admin/actions/:action runs it
 * (session token checked by the session middleware, role checked and audited by the flow) and
 * goes back to the job or the target's list with a notice. A role that may not run an action
 * never sees its button, and gets `forbidden` if it posts anyway.
 */
import type { Context, Hono } from 'hono';
import { PasserelleError } from '../../../errors.ts';
import type { ConsoleAction } from '../../../flows/console/actions.ts';
import { CONSOLE_ACTIONS, requireAllowed, type ConsoleActionKind } from '../../../flows/console/roles.ts';
import { formErrors, readForm } from '../../form-body.ts';
import { asAppContext, type AdminEnv } from '../../middleware/admin-session.ts';
import { confirmPage } from '../../views/admin/confirm.ts';
import { jobLink } from '../../views/admin/jobs.ts';
import type { FieldErrors } from '../../views/form.ts';
import { actorOf, consoleFlows, metaOf } from './console-flows.ts';
import { renderConsole } from './render.ts';

const JOB_ACTIONS: ReadonlySet<ConsoleActionKind> = new Set(['retry', 'discard']);

const actionOf = (value: string): ConsoleActionKind => {
  if (!(CONSOLE_ACTIONS as readonly string[]).includes(value)) throw new PasserelleError('not_found', 'unknown action');
  return value as ConsoleActionKind;
};

/** Target and job named by a request, checked against the config; the job's login when there is one. */
const subject = async (c: Context<AdminEnv>, kind: ConsoleActionKind, target: string | undefined, jobId: string | undefined) => {
  const flows = consoleFlows(c);
  if (!target || !flows.targets.includes(target)) throw new PasserelleError('not_found', 'unknown target');
  if (!JOB_ACTIONS.has(kind)) return { target, back: `/admin/jobs?${new URLSearchParams({ target })}` };
  if (!jobId) throw new PasserelleError('not_found', 'no job named');
  const job = await flows.job(target, jobId);
  return { target, jobId, login: job.login, back: jobLink(target, jobId) };
};

const showConfirm = async (c: Context<AdminEnv>, kind: ConsoleActionKind, target: string | undefined, jobId: string | undefined, errors?: FieldErrors, reason?: string) => {
  const found = await subject(c, kind, target, jobId);
  const title = c.var.t(`admin.confirm.title.${kind}`);
  const body = confirmPage({ t: c.var.t, session: c.var.admin, action: kind, ...found, errors, reason });
  return renderConsole(c, { title, section: 'jobs', body, ...(errors ? { status: 400 as const } : {}) });
};

export const registerConsoleActions = (admin: Hono<AdminEnv>) => {
  admin.get('/confirm/:action', async (c) => {
    const kind = actionOf(c.req.param('action'));
    requireAllowed(c.var.admin.role, kind);
    return showConfirm(c, kind, c.req.query('target'), c.req.query('job'));
  });

  admin.post('/actions/:action', async (c) => {
    const kind = actionOf(c.req.param('action'));
    const form = await readForm(asAppContext(c));
    const target = form.target ?? '';
    const jobId = form.job ?? '';
    const action: ConsoleAction =
      kind === 'retry' ? { kind, target, jobId }
      : kind === 'discard' ? { kind, target, jobId, reason: form.reason ?? '' }
      : { kind, target };
    try {
      const result = await consoleFlows(c).act(actorOf(c), action, metaOf(c));
      // A discarded job no longer exists: back to the target's list rather than to its page.
      const back = result.jobId && result.outcome !== 'discarded' ? jobLink(target, result.jobId) : `/admin/jobs?${new URLSearchParams({ target })}`;
      return c.redirect(`${back}${back.includes('?') ? '&' : '?'}done=${result.outcome}`, 303);
    } catch (error) {
      if (error instanceof PasserelleError && error.code === 'validation' && kind === 'discard') {
        const errors = formErrors(asAppContext(c), error, { password: 'reason', credentials: 'reason', captcha: 'reason' });
        return showConfirm(c, kind, target, jobId, errors, form.reason?.slice(0, 250));
      }
      throw error;
    }
  });
};
