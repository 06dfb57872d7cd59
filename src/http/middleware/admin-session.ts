/**
 * @module http/middleware/admin-session
 * The console's session: a signed, HttpOnly, SameSite=Strict cookie (Secure per
 * `security.secureCookies`) holding a random id; the session itself lives in Redis (idle and
 * absolute timeouts, see adapters/redis/admin-sessions). Pages without a live session redirect to
 * the log-in form (saying so when it expired); anything else is `unauthenticated`. Every unsafe
 * request must also carry the session's synchronizer token in `_csrf`, on top of the app-wide
 * Origin / Sec-Fetch-Site check.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { PasserelleError } from '../../errors.ts';
import type { AdminSession } from '../../ports/admin-sessions.ts';
import type { AppEnv } from '../env.ts';
import { readForm } from '../form-body.ts';

export const ADMIN_COOKIE = 'passerelle_admin';
/** The cookie is sent to the console only. */
const COOKIE_PATH = '/admin';

/** What the session middleware puts on the context. */
export interface AdminVariables {
  admin: AdminSession;
  adminSessionId: string;
}

export interface AdminEnv {
  Variables: AppEnv['Variables'] & AdminVariables;
}

/** A console context seen as the app's (helpers typed for AppEnv read only what both have). */
export const asAppContext = (c: Context<AdminEnv>): Context<AppEnv> => c as unknown as Context<AppEnv>;

/** The cookie-signing key: a sub-key of `security.cookieSecret`, used for nothing else. */
const signingKey = (c: Context<AppEnv>) => createHmac('sha256', c.var.services.config.security.cookieSecret).update('admin-session').digest('base64url');

export const setAdminCookie = async (c: Context<AppEnv>, id: string): Promise<void> => {
  // No Max-Age: the cookie dies with the browser; the server-side session decides the rest.
  await setSignedCookie(c, ADMIN_COOKIE, id, signingKey(c), {
    path: COOKIE_PATH,
    httpOnly: true,
    secure: c.var.services.config.security.secureCookies,
    sameSite: 'Strict',
  });
};

export const clearAdminCookie = (c: Context<AppEnv>): void => {
  deleteCookie(c, ADMIN_COOKIE, { path: COOKIE_PATH, secure: c.var.services.config.security.secureCookies });
};

/** The session id from the signed cookie; undefined when absent or tampered with. */
export const adminCookie = async (c: Context<AppEnv>): Promise<string | undefined> => {
  const value = await getSignedCookie(c, signingKey(c), ADMIN_COOKIE);
  return typeof value === 'string' && value.length > 0 ? value : undefined;
};

/** Only console paths may be a `next` target (no open redirect). */
export const safeNext = (value: string | undefined): string | undefined =>
  value && /^\/admin(\/[A-Za-z0-9\-._~%/]*)?(\?[A-Za-z0-9\-._~%&=+]*)?$/.test(value) && !value.includes('//') && !/\/\.\.?(\/|\?|$)/.test(value)
    ? value
    : undefined;

const sameToken = (given: string | undefined, expected: string) => {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

const isSafeMethod = (method: string) => method === 'GET' || method === 'HEAD';

/**
 * Requires a live console session; checks the synchronizer token on unsafe methods. With
 * `renew: false` (the live refresh) the idle clock is not restarted: a page left open is not
 * activity.
 */
export const adminSession = ({ renew = true }: { renew?: boolean } = {}): MiddlewareHandler<AdminEnv> =>
  async function adminSessionMiddleware(c, next) {
    const consoleFlows = c.var.services.console;
    if (!consoleFlows) throw new PasserelleError('not_found', 'console disabled');
    const id = await adminCookie(asAppContext(c));
    const session = id ? await (renew ? consoleFlows.session(id) : consoleFlows.peekSession(id)) : null;
    if (!id || !session) {
      if (id) clearAdminCookie(asAppContext(c));
      if (c.req.method === 'GET' && renew) {
        const next = encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''));
        return c.redirect(`/admin/login?next=${next}${id ? '&expired=1' : ''}`, 303);
      }
      throw new PasserelleError('unauthenticated', id ? 'console session expired' : 'no console session');
    }
    if (!isSafeMethod(c.req.method)) {
      const form = await readForm(asAppContext(c));
      if (!sameToken(form._csrf, session.csrfToken)) throw new PasserelleError('csrf', 'console form without its session token', { context: { login: session.login } });
    }
    c.set('admin', session);
    c.set('adminSessionId', id);
    await next();
  };
