/**
 * @module http/pages/reset-identity
 * « Redéfinir mon mot de passe »: GET shows the form; POST checks the fields (the proofs the
 * config lists), the captcha, then runs the identity flow. A lock-out says until when the form
 * opens again, with the date; every other failure keeps what was typed (never the passwords).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { PasserelleError } from '../../errors.ts';
import { identityInput } from '../../flows/reset-identity/input.ts';
import type { ResetResult } from '../../flows/reset-mail/confirm.ts';
import { requestMeta } from '../api/request.ts';
import { captchaFromForm, requireCaptcha } from '../captcha-guard.ts';
import type { AppEnv } from '../env.ts';
import { ERROR_STATUS } from '../errors.ts';
import { formErrors, readForm } from '../form-body.ts';
import { renderPage } from '../render.ts';
import { parseInput } from '../validation.ts';
import type { FieldErrors } from '../views/form.ts';
import { identityForm } from '../views/identity-form.ts';
import { meterData } from '../views/password.ts';
import { resetSuccess } from '../views/reset-result.ts';
import { retryDelay, retryMoment } from '../views/retry-time.ts';
import { requireFlow } from './forgot.ts';

type Values = { login?: string | undefined; proofs: Record<string, string | undefined> };

const showForm = async (c: Context<AppEnv>, values: Values, errors: FieldErrors = {}, status: ContentfulStatusCode = 200) => {
  const challenge = await c.var.services.captcha.create();
  return renderPage(c, {
    title: c.var.t('identity.title'),
    body: identityForm({ c, values, errors, challenge }),
    scripts: ['meter', 'captcha'],
    styles: ['reset.css'],
    data: meterData(c.var.services.policy, c.var.lang),
    status,
  });
};

/** Zod issues under `proofs.<name>` belong to the field `<name>` of the page. */
const proofFieldErrors = (errors: FieldErrors): FieldErrors =>
  Object.fromEntries(Object.entries(errors).map(([name, messages]) => [name.startsWith('proofs.') ? name.slice('proofs.'.length) : name, messages]));

const lockedErrors = (c: Context<AppEnv>, seconds: number): FieldErrors => ({
  _form: [
    c.var.t('identity.locked', {
      until: retryMoment(c.var.lang, c.var.services.config.mail.timeZone, seconds),
      delay: retryDelay(c.var.t, seconds),
    }),
  ],
});

export const registerResetIdentityPage = (app: OpenAPIHono<AppEnv>) => {
  app.get('/reset/identity', (c) => {
    requireFlow(c, 'resetByIdentity');
    return showForm(c, { proofs: {} });
  });

  app.post('/reset/identity', async (c) => {
    const resetByIdentity = requireFlow(c, 'resetByIdentity');
    const { proofs } = c.var.services.config.resetIdentity;
    const form = await readForm(c);
    const values: Values = {
      login: form.login?.slice(0, 256),
      proofs: Object.fromEntries(proofs.map((proof) => [proof.name, form[proof.name]?.slice(0, 128)])),
    };
    if (form.intent === 'new-captcha') return showForm(c, values);
    const schema = identityInput(proofs)
      .extend({ confirmPassword: z.string({ error: 'issue.required' }).min(1, { error: 'issue.required' }) })
      .refine((input) => input.newPassword === input.confirmPassword, { path: ['confirmPassword'], error: 'issue.confirmation_mismatch' });
    let result: ResetResult;
    try {
      const input = parseInput(schema, {
        login: form.login,
        proofs: Object.fromEntries(proofs.map((proof) => [proof.name, form[proof.name]])),
        newPassword: form.newPassword,
        confirmPassword: form.confirmPassword,
      });
      await requireCaptcha(c, captchaFromForm(form));
      result = await resetByIdentity({ login: input.login, proofs: input.proofs as Record<string, string>, newPassword: input.newPassword }, requestMeta(c));
    } catch (error) {
      const { code, details } = error as PasserelleError;
      const retryAfter = error instanceof PasserelleError ? details?.retryAfterSeconds : undefined;
      if (retryAfter) c.header('Retry-After', String(retryAfter));
      const errors =
        error instanceof PasserelleError && code === 'rate_limited'
          ? lockedErrors(c, retryAfter ?? 60)
          : proofFieldErrors(formErrors(c, error, { password: 'newPassword', credentials: '_form', captcha: 'captchaAnswer' }));
      return showForm(c, values, errors, ERROR_STATUS[code].status);
    }
    return renderPage(c, { title: c.var.t('reset.success_title'), body: resetSuccess(c, result), scripts: ['sync-status'], styles: ['reset.css'] });
  });
};
