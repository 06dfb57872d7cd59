/**
 * @module http/pages/change
 * « Modifier mon mot de passe »: GET shows the form, POST validates it with the flow's schema,
 * checks the captcha and runs the change flow. On failure the form comes back with the fields kept
 * (never the passwords or the captcha), one message per problem and the focus on the first.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { changeInput } from '../../flows/change/input.ts';
import type { ChangeResult } from '../../flows/change/change.ts';
import { captchaFromForm, newChallenge, requireCaptcha } from '../captcha-guard.ts';
import type { AppEnv } from '../env.ts';
import { ERROR_STATUS } from '../errors.ts';
import { formErrors, readForm } from '../form-body.ts';
import { parseInput } from '../validation.ts';
import { changeForm, CHANGE_FIELDS } from '../views/change-form.ts';
import { changeSuccess } from '../views/change-success.ts';
import { meterData } from '../views/password.ts';
import { renderPage } from '../render.ts';
import { PasserelleError } from '../../errors.ts';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FieldErrors } from '../views/form.ts';

/** The page adds the confirmation to the flow's own schema. */
const changePageInput = changeInput
  .extend({ confirmPassword: z.string({ error: 'issue.required' }).min(1, { error: 'issue.required' }) })
  .refine((form) => form.newPassword === form.confirmPassword, {
    path: ['confirmPassword'],
    error: 'issue.confirmation_mismatch',
  });

const showForm = async (c: Context<AppEnv>, values: { login?: string | undefined } = {}, errors: FieldErrors = {}, status: ContentfulStatusCode = 200) => {
  const challenge = await newChallenge(c);
  return renderPage(c, {
    title: c.var.t('change.title'),
    body: changeForm({ c, values, errors, challenge }),
    scripts: ['meter', 'captcha'],
    styles: ['meter.css'],
    data: meterData(c.var.services.policy, c.var.lang),
    status,
  });
};

export const registerChangePage = (app: OpenAPIHono<AppEnv>) => {
  app.get('/change', (c) => showForm(c));

  app.post('/change', async (c) => {
    const form = await readForm(c);
    const values = { login: form.login?.slice(0, 256) };
    if (form.intent === 'new-captcha') return showForm(c, values);
    let result: ChangeResult;
    try {
      const input = parseInput(changePageInput, {
        login: form.login,
        currentPassword: form.currentPassword,
        newPassword: form.newPassword,
        confirmPassword: form.confirmPassword,
      });
      await requireCaptcha(c, captchaFromForm(form));
      const { confirmPassword: _confirm, ...change } = input;
      result = await c.var.services.flows.change(change, {
        requestId: c.var.requestId,
        ip: c.var.ip,
        userAgent: c.req.header('user-agent'),
        language: c.var.lang,
      });
    } catch (error) {
      const errors = formErrors(c, error, { password: 'newPassword', credentials: 'currentPassword', captcha: 'captchaAnswer' });
      const code = (error as PasserelleError).code;
      const retryAfter = (error as PasserelleError).details?.retryAfterSeconds;
      if (retryAfter) c.header('Retry-After', String(retryAfter));
      return showForm(c, values, errors, ERROR_STATUS[code].status);
    }
    return renderPage(c, {
      title: c.var.t('change.success_title'),
      body: changeSuccess({ c, result }),
      scripts: ['sync-status'],
    });
  });
};

export { CHANGE_FIELDS };
