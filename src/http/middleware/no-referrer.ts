/**
 * @module http/middleware/no-referrer
 * `Referrer-Policy: no-referrer` on the reset pages, so that the token link never leaves in a
 * Referer header (to the logo's host, to a link clicked on the page). Registered outside the
 * secure-headers middleware, which sets its own policy on every answer: this one runs after it.
 * Chromium then sends `Origin: null` on these pages' form posts; the CSRF check accepts them on
 * `Sec-Fetch-Site: same-origin` (see middleware/security.ts).
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';

export const noReferrer = (): MiddlewareHandler<AppEnv> =>
  async function noReferrerMiddleware(c, next) {
    await next();
    c.res.headers.set('Referrer-Policy', 'no-referrer');
  };
