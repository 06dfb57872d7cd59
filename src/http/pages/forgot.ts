/**
 * @module http/pages/forgot
 * « Mot de passe oublié »: GET shows the form; POST checks the fields (which the config's match
 * mode names) and the captcha, queues the request and redirects to the one answer everybody gets
 * (POST/redirect/GET, so that reloading does not send it again). The answer does not wait for the
 * directory or SMTP: those happen in the mail worker.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { PasserelleError } from '../../errors.ts';
import { forgotInput, type ForgotInput } from '../../flows/reset-mail/input.ts';
import { captchaFromForm, requireCaptcha } from '../captcha-guard.ts';
import type { AppEnv, Flows } from '../env.ts';
import { ERROR_STATUS } from '../errors.ts';
import { formErrors, readForm } from '../form-body.ts';
import { renderPage } from '../render.ts';
import { parseInput } from '../validation.ts';
import { forgotForm, forgotSent } from '../views/forgot.ts';
import type { FieldErrors } from '../views/form.ts';

/** The flow, or 404 when this instance does not offer it (switched off in the config). */
export const requireFlow = <K extends keyof Flows>(c: Context<AppEnv>, name: K): NonNullable<Flows[K]> => {
  const flow = c.var.services.flows[name];
  if (!flow) throw new PasserelleError('not_found', 'This way is not offered here');
  return flow as NonNullable<Flows[K]>;
};

const showForm = async (c: Context<AppEnv>, values: ForgotInput = {}, errors: FieldErrors = {}, status: ContentfulStatusCode = 200) => {
  const challenge = await c.var.services.captcha.create();
  return renderPage(c, {
    title: c.var.t('forgot.title'),
    body: forgotForm({ c, values, errors, challenge }),
    styles: ['reset.css'],
    status,
  });
};

/** What to show again in the form after an error: what was typed, cut to the fields' lengths. */
const keptValues = (form: Record<string, string>): ForgotInput => ({
  lastName: form.lastName?.slice(0, 128),
  firstName: form.firstName?.slice(0, 128),
  mail: form.mail?.slice(0, 254),
  login: form.login?.slice(0, 256),
});

export const registerForgotPage = (app: OpenAPIHono<AppEnv>) => {
  app.get('/forgot', (c) => {
    requireFlow(c, 'requestReset');
    return showForm(c);
  });

  app.post('/forgot', async (c) => {
    const requestReset = requireFlow(c, 'requestReset');
    const form = await readForm(c);
    const values = keptValues(form);
    if (form.intent === 'new-captcha') return showForm(c, values);
    try {
      const fields = Object.fromEntries(Object.keys(forgotInput(c.var.services.config.resetMail.match).shape).map((name) => [name, form[name]]));
      const input = parseInput(forgotInput(c.var.services.config.resetMail.match), fields);
      await requireCaptcha(c, captchaFromForm(form));
      await requestReset(input, { requestId: c.var.requestId, ip: c.var.ip, userAgent: c.req.header('user-agent'), language: c.var.lang });
    } catch (error) {
      const errors = formErrors(c, error, { password: '_form', credentials: '_form', captcha: 'captchaAnswer' });
      const { code, details } = error as PasserelleError;
      if (details?.retryAfterSeconds) c.header('Retry-After', String(details.retryAfterSeconds));
      return showForm(c, values, errors, ERROR_STATUS[code].status);
    }
    return c.redirect('/forgot/sent', 303);
  });

  app.get('/forgot/sent', (c) => {
    requireFlow(c, 'requestReset');
    return renderPage(c, { title: c.var.t('forgot.sent_title'), body: forgotSent(c), styles: ['reset.css'] });
  });
};
