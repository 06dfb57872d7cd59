/**
 * @module http/pages/admin/login
 * GET/POST /admin/login and POST /admin/logout. A successful log-in replaces any previous session
 * (no fixation), sets the signed cookie and goes where the person was heading (console paths
 * only). Every refusal shows the same message on the password field.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { PasserelleError } from '../../../errors.ts';
import type { AppEnv } from '../../env.ts';
import { errorMessage, ERROR_STATUS } from '../../errors.ts';
import { formErrors, readForm } from '../../form-body.ts';
import { adminCookie, asAppContext, clearAdminCookie, safeNext, setAdminCookie, type AdminEnv } from '../../middleware/admin-session.ts';
import { renderPage } from '../../render.ts';
import { parseInput } from '../../validation.ts';
import { loginPage, type LoginView } from '../../views/admin/login.ts';
import type { FieldErrors } from '../../views/form.ts';
import { CONSOLE_STYLES } from './render.ts';

const loginInput = z.object({
  login: z.string({ error: 'issue.required' }).trim().min(1, { error: 'issue.required' }).max(256, { error: 'issue.too_long' }),
  password: z.string({ error: 'issue.required' }).min(1, { error: 'issue.required' }).max(1024, { error: 'issue.too_long' }),
});

const consoleOf = (c: Context<AppEnv>) => {
  const flows = c.var.services.console;
  if (!flows) throw new PasserelleError('not_found', 'console disabled');
  return flows;
};

const show = (c: Context<AppEnv>, view: Omit<LoginView, 't'>, status: 200 | 400 | 401 | 429 | 503 = 200) =>
  renderPage(c, { title: `${c.var.t('admin.login.title')} – ${c.var.t('admin.title')}`, body: loginPage({ t: c.var.t, ...view }), styles: CONSOLE_STYLES, status });

/** Routes that need no session: the form and its post. */
export const registerConsoleLogin = (admin: Hono<AdminEnv>) => {
  admin.get('/login', async (context) => {
    const c = asAppContext(context);
    const flows = consoleOf(c);
    const id = await adminCookie(c);
    if (id && (await flows.peekSession(id))) return c.redirect(safeNext(c.req.query('next')) ?? '/admin', 303);
    const notice = c.req.query('expired') === '1' ? 'expired' : c.req.query('bye') === '1' ? 'logged_out' : undefined;
    return show(c, { next: safeNext(c.req.query('next')), notice });
  });

  admin.post('/login', async (context) => {
    const c = asAppContext(context);
    const flows = consoleOf(c);
    const form = await readForm(c);
    const next = safeNext(form.next);
    const login = form.login?.slice(0, 256);
    try {
      const input = parseInput(loginInput, { login: form.login, password: form.password });
      const previous = await adminCookie(c);
      const meta = { requestId: c.var.requestId, ip: c.var.ip, userAgent: c.req.header('user-agent'), language: c.var.lang };
      const { id } = await flows.login(input, meta);
      const old = previous ? await flows.peekSession(previous) : null;
      if (previous && old) await flows.logout(previous, old, meta);
      await setAdminCookie(c, id);
      return c.redirect(next ?? '/admin', 303);
    } catch (error) {
      if (!(error instanceof PasserelleError)) throw error;
      let errors: FieldErrors;
      if (error.code === 'invalid_credentials') errors = { password: [c.var.t('admin.login.invalid')] };
      else if (error.code === 'rate_limited' || error.code === 'unavailable') errors = { _form: [errorMessage(c.var.t, error)] };
      else errors = formErrors(c, error, { password: 'password', credentials: 'password', captcha: 'password' });
      const retryAfter = error.details?.retryAfterSeconds;
      if (retryAfter) c.header('Retry-After', String(retryAfter));
      return show(c, { login, next, errors }, ERROR_STATUS[error.code].status as 400 | 401 | 429 | 503);
    }
  });
};

/** POST /admin/logout (behind the session middleware: it carries the token like any action). */
export const registerConsoleLogout = (admin: Hono<AdminEnv>) => {
  admin.post('/logout', async (c) => {
    await consoleOf(asAppContext(c)).logout(c.var.adminSessionId, c.var.admin, { ip: c.var.ip, requestId: c.var.requestId });
    clearAdminCookie(asAppContext(c));
    return c.redirect('/admin/login?bye=1', 303);
  });
};
