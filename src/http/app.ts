/**
 * @module http/app
 * The Hono app: middleware order, the one error handler, static files, and every page and API
 * route. Routes receive their collaborators through `c.var.services` (set first, below).
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { HTTPException } from 'hono/http-exception';
import { resolve } from 'node:path';
import { PasserelleError } from '../errors.ts';
import { PROJECT_ROOT } from '../lib/paths.ts';
import { translator } from '../i18n/index.ts';
import { registerHealth } from './api/health.ts';
import { registerMetrics } from './api/metrics.ts';
import { registerOpenApi } from './api/openapi.ts';
import { registerV1Captcha } from './api/v1-captcha.ts';
import { registerV1PasswordChange } from './api/v1-password-change.ts';
import { registerV1PasswordStrength } from './api/v1-password-strength.ts';
import { registerV1SyncStatus } from './api/v1-sync-status.ts';
import { registerV1ResetIdentity } from './api/v1-reset-identity.ts';
import { registerV1ResetMail } from './api/v1-reset-mail.ts';
import { registerV1ResetToken } from './api/v1-reset-token.ts';
import type { AppEnv, AppServices } from './env.ts';
import { errorBody, ERROR_STATUS } from './errors.ts';
import { language } from './middleware/language.ts';
import { requestMetrics } from './middleware/metrics.ts';
import { noReferrer } from './middleware/no-referrer.ts';
import { requestContext } from './middleware/request-context.ts';
import { csrfCheck, limitBody, noStore, securityHeaders } from './middleware/security.ts';
import { registerAdminPages } from './pages/admin/index.ts';
import { registerCaptchaRoutes } from './pages/captcha.ts';
import { registerChangePage } from './pages/change.ts';
import { registerForgotPage } from './pages/forgot.ts';
import { registerResetIdentityPage } from './pages/reset-identity.ts';
import { registerResetLinkPages } from './pages/reset-link.ts';
import { errorPage } from './pages/error.ts';
import { registerHomePage } from './pages/home.ts';
import { validationError } from './validation.ts';

const ROOT = PROJECT_ROOT;

/** Anything thrown becomes one of our errors; unknown ones are logged once, answered generically. */
const asPasserelleError = (error: unknown): PasserelleError => {
  if (error instanceof PasserelleError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 400) return new PasserelleError('validation', 'Malformed body', { details: { issues: [{ path: '', code: 'issue.malformed' }] } });
    if (error.status === 413) return new PasserelleError('payload_too_large', 'Body too large');
    if (error.status === 415) return new PasserelleError('unsupported_media_type', 'Unsupported media type');
    if (error.status === 404) return new PasserelleError('not_found', 'Not found');
  }
  return new PasserelleError('internal', 'Unexpected error', { cause: error });
};

const wantsJson = (path: string) => path.startsWith('/api/') || ['/healthz', '/readyz', '/metrics', '/captcha/new', '/captcha/altcha-challenge'].includes(path);

export const createApp = (services: AppServices): OpenAPIHono<AppEnv> => {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error);
    },
  });

  app.use(async function servicesMiddleware(c, next) {
    c.set('services', services);
    await next();
  });
  app.use(requestContext({ trustProxy: services.config.server.trustProxy }));
  app.use(requestMetrics());
  // Outside securityHeaders, so that it runs after it and has the last word on these pages.
  app.use('/reset/*', noReferrer());
  app.use(securityHeaders());
  app.use(language({ fallback: 'fr', secureCookies: services.config.security.secureCookies }));
  app.use(limitBody(services.config.server.bodyLimitBytes));

  const staticFiles = { onFound: (_path: string, c: { header: (k: string, v: string) => void }) => c.header('Cache-Control', 'public, max-age=3600') };
  app.use('/static/*', serveStatic({ root: resolve(ROOT, 'templates'), ...staticFiles }));
  // The bundles have .br/.gz twins (scripts/build-assets.ts); the estimator's dictionaries are 2.3 MB raw.
  app.use('/static/*', serveStatic({ root: resolve(ROOT, 'dist'), precompressed: true, ...staticFiles }));

  app.use(noStore());
  // Form posts from pages: same origin only. The API takes JSON, which browsers cannot send cross-site without CORS.
  app.use('*', async function pagesCsrf(c, next) {
    if (c.req.path.startsWith('/api/')) return next();
    return csrfCheck(services.config.server.publicUrl)(c, next);
  });

  registerHomePage(app);
  registerChangePage(app);
  registerCaptchaRoutes(app);
  registerForgotPage(app);
  registerResetIdentityPage(app);
  registerResetLinkPages(app);
  registerV1PasswordChange(app);
  registerV1ResetMail(app);
  registerV1ResetToken(app);
  registerV1ResetIdentity(app);
  registerV1PasswordStrength(app);
  registerV1SyncStatus(app);
  registerV1Captcha(app);
  registerHealth(app);
  registerOpenApi(app);
  registerAdminPages(app);
  registerMetrics(app);

  app.notFound(() => {
    throw new PasserelleError('not_found', 'No such page');
  });

  app.onError((thrown, c) => {
    const error = asPasserelleError(thrown);
    const t = c.var.t ?? translator('fr');
    const requestId = c.var.requestId ?? 'none';
    const log = c.var.log ?? services.logger;
    const { status } = ERROR_STATUS[error.code];
    if (status >= 500 && error.code !== 'unavailable') log.error({ err: error.cause ?? error, code: error.code, context: error.context }, 'unexpected error');
    else if (error.code === 'unavailable') log.warn({ code: error.code, context: error.context, err: error.cause }, 'dependency unavailable');
    const retryAfter = error.details?.retryAfterSeconds;
    if (retryAfter) c.header('Retry-After', String(retryAfter));
    if (wantsJson(c.req.path)) return c.json(errorBody(t, error, requestId), status);
    return errorPage(c, error, status);
  });

  return app;
};
