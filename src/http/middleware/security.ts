/**
 * @module http/middleware/security
 * Secure headers with a CSP that allows no inline script or style, the CSRF check on form posts,
 * the body-size limit, and no caching of anything that may hold personal data.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { PasserelleError } from '../../errors.ts';
import type { AppEnv } from '../env.ts';

export const securityHeaders = (): MiddlewareHandler<AppEnv> =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      workerSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
    referrerPolicy: 'same-origin',
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: 'max-age=31536000; includeSubDomains',
  });

/** Refuses cross-site form posts: Origin must be ours, or the browser says Sec-Fetch-Site: same-origin. */
export const csrfCheck = (publicUrl: string): MiddlewareHandler<AppEnv> => {
  const publicOrigin = new URL(publicUrl).origin;
  const inner = csrf({
    origin: (origin, c) => origin === publicOrigin || origin === new URL(c.req.url).origin,
    secFetchSite: 'same-origin',
  });
  return async function csrfMiddleware(c, next) {
    try {
      // Run hono's check alone, so that errors thrown further down are not mistaken for a refusal.
      await inner(c, async () => {});
    } catch {
      throw new PasserelleError('csrf', 'Cross-site form post refused');
    }
    await next();
  };
};

export const limitBody = (maxSize: number): MiddlewareHandler<AppEnv> =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new PasserelleError('payload_too_large', 'Request body too large');
    },
  });

/** Pages and API answers may carry personal data: never cache them. */
export const noStore = (): MiddlewareHandler<AppEnv> =>
  async function noStoreMiddleware(c, next) {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  };
