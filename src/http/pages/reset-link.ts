/**
 * @module http/pages/reset-link
 * The reset link and the form it leads to.
 * - GET /reset/<token> (the link in the mail) only looks at the token: mail scanners open links
 *   before people do, so opening one must not use it. A live token goes into a short-lived,
 *   signed, HttpOnly cookie and the browser is sent on (303) to /reset/password, so the token
 *   leaves the address bar and the history at once; a dead one gets the « lien plus valide » page.
 * - GET /reset/password shows « Nouveau mot de passe ».
 * - POST /reset/password checks the fields and the captcha (neither touches the token), then
 *   runs the flow, which uses the token up only if the directory takes the password.
 * The cookie is SameSite=Lax, not Strict: a link clicked in a webmail is a cross-site navigation,
 * and Chromium does not send Strict cookies on the redirect that follows it. Lax still keeps it
 * off cross-site posts.
 */
import { createHmac } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { PasserelleError } from '../../errors.ts';
import { resetTokenInput } from '../../flows/reset-mail/input.ts';
import type { ResetResult } from '../../flows/reset-mail/confirm.ts';
import { captchaFromForm, requireCaptcha } from '../captcha-guard.ts';
import type { AppEnv } from '../env.ts';
import { ERROR_STATUS } from '../errors.ts';
import { formErrors, readForm } from '../form-body.ts';
import { renderPage } from '../render.ts';
import { parseInput } from '../validation.ts';
import type { FieldErrors } from '../views/form.ts';
import { meterData } from '../views/password.ts';
import { resetInvalid, resetSuccess } from '../views/reset-result.ts';
import { RESET_FORM_PATH, resetTokenForm } from '../views/reset-token-form.ts';
import { requireFlow } from './forgot.ts';
import { requestMeta } from '../api/request.ts';

export const RESET_COOKIE = 'passerelle_reset';

/** The link's path: /reset/ and the 43 base64url characters of 32 bytes. */
export const RESET_LINK_ROUTE = '/reset/:token{[A-Za-z0-9_-]{43}}';

/** A key of its own for this cookie, derived from the configured cookie secret. */
const cookieKey = (c: Context<AppEnv>) => createHmac('sha256', c.var.services.config.security.cookieSecret).update('reset-form-cookie').digest();

const cookieOptions = (c: Context<AppEnv>) => ({
  path: RESET_FORM_PATH,
  httpOnly: true,
  sameSite: 'Lax' as const,
  secure: c.var.services.config.security.secureCookies,
});

const tokenFromCookie = async (c: Context<AppEnv>): Promise<string | undefined> => {
  const value = await getSignedCookie(c, cookieKey(c), RESET_COOKIE);
  return typeof value === 'string' && value.length > 0 ? value : undefined;
};

const invalidPage = (c: Context<AppEnv>) => {
  deleteCookie(c, RESET_COOKIE, cookieOptions(c));
  return renderPage(c, { title: c.var.t('reset.invalid_title'), body: resetInvalid(c), styles: ['reset.css'], status: 410 });
};

const showForm = async (c: Context<AppEnv>, login: string, errors: FieldErrors = {}, status: ContentfulStatusCode = 200) => {
  const challenge = await c.var.services.captcha.create();
  return renderPage(c, {
    title: c.var.t('reset.title'),
    body: resetTokenForm({ c, login, errors, challenge }),
    scripts: ['meter', 'captcha'],
    styles: ['reset.css'],
    data: meterData(c.var.services.policy, c.var.lang, [login]),
    status,
  });
};

const isInvalidToken = (error: unknown) => error instanceof PasserelleError && error.code === 'token_invalid';

/** The page adds the confirmation to the flow's own schema; the token comes from the cookie. */
const resetPageInput = resetTokenInput
  .extend({ confirmPassword: z.string({ error: 'issue.required' }).min(1, { error: 'issue.required' }) })
  .refine((form) => form.newPassword === form.confirmPassword, { path: ['confirmPassword'], error: 'issue.confirmation_mismatch' });

export const registerResetLinkPages = (app: OpenAPIHono<AppEnv>) => {
  app.get(RESET_LINK_ROUTE, async (c) => {
    const inspect = requireFlow(c, 'inspectResetToken');
    const token = c.req.param('token');
    let grant;
    try {
      grant = await inspect(token, requestMeta(c));
    } catch (error) {
      if (isInvalidToken(error)) return invalidPage(c);
      throw error;
    }
    const remaining = Math.floor((grant.expiresAt.getTime() - Date.now()) / 1000);
    await setSignedCookie(c, RESET_COOKIE, token, cookieKey(c), { ...cookieOptions(c), maxAge: Math.max(1, remaining) });
    return c.redirect(RESET_FORM_PATH, 303);
  });

  app.get(RESET_FORM_PATH, async (c) => {
    const inspect = requireFlow(c, 'inspectResetToken');
    const token = await tokenFromCookie(c);
    if (!token) return invalidPage(c);
    try {
      const grant = await inspect(token, requestMeta(c));
      return showForm(c, grant.login);
    } catch (error) {
      if (isInvalidToken(error)) return invalidPage(c);
      throw error;
    }
  });

  app.post(RESET_FORM_PATH, async (c) => {
    const inspect = requireFlow(c, 'inspectResetToken');
    const resetWithToken = requireFlow(c, 'resetWithToken');
    const token = await tokenFromCookie(c);
    if (!token) return invalidPage(c);
    const form = await readForm(c);
    let result: ResetResult;
    try {
      if (form.intent === 'new-captcha') {
        return showForm(c, (await inspect(token, requestMeta(c))).login);
      }
      const input = parseInput(resetPageInput, { token, newPassword: form.newPassword, confirmPassword: form.confirmPassword });
      await requireCaptcha(c, captchaFromForm(form));
      result = await resetWithToken({ token: input.token, newPassword: input.newPassword }, requestMeta(c));
    } catch (error) {
      if (isInvalidToken(error)) return invalidPage(c);
      const errors = formErrors(c, error, { password: 'newPassword', credentials: '_form', captcha: 'captchaAnswer' });
      const { code, details } = error as PasserelleError;
      if (details?.retryAfterSeconds) c.header('Retry-After', String(details.retryAfterSeconds));
      // Still valid (a failed check never uses it): show the form again for the same account.
      const grant = await inspect(token, requestMeta(c)).catch(() => undefined);
      if (!grant) return invalidPage(c);
      return showForm(c, grant.login, errors, ERROR_STATUS[code].status);
    }
    deleteCookie(c, RESET_COOKIE, cookieOptions(c));
    return renderPage(c, { title: c.var.t('reset.success_title'), body: resetSuccess(c, result), scripts: ['sync-status'], styles: ['reset.css'] });
  });
};
