/**
 * @module http/views/forgot
 * « Mot de passe oublié »: the form (its fields follow `resetMail.match`) and the one answer every
 * request gets, « Nous vous avons envoyé un mail pour réinitialiser votre mot de passe ».
 */
import type { Context } from 'hono';
import { html } from 'hono/html';
import { FORGOT_FIELDS, type ForgotInput } from '../../flows/reset-mail/input.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { CaptchaChallenge } from '../../ports/captcha.ts';
import type { AppEnv } from '../env.ts';
import { captchaField } from './captcha.ts';
import { errorSummary, field, firstInvalid, type FieldErrors } from './form.ts';
import type { Html } from './layout.ts';

export interface ForgotFormOptions {
  c: Context<AppEnv>;
  values: ForgotInput;
  errors: FieldErrors;
  challenge: CaptchaChallenge;
}

/** Display order of the form's fields, for the error summary and the focus. */
export const forgotFieldOrder = (c: Context<AppEnv>): string[] => [...FORGOT_FIELDS[c.var.services.config.resetMail.match], 'captchaAnswer'];

export const forgotForm = ({ c, values, errors, challenge }: ForgotFormOptions): Html => {
  const { t, lang } = c.var;
  const { config, flows } = c.var.services;
  const match = config.resetMail.match;
  const order = forgotFieldOrder(c);
  const focus = firstInvalid(errors, order);
  const inputs = {
    lastName: () => field({ name: 'lastName', label: t('forgot.last_name'), value: values.lastName, autocomplete: 'family-name', errors, focus: focus === 'lastName', maxLength: 128 }),
    firstName: () => field({ name: 'firstName', label: t('forgot.first_name'), value: values.firstName, autocomplete: 'given-name', errors, focus: focus === 'firstName', maxLength: 128 }),
    mail: () =>
      field({ name: 'mail', label: t('forgot.mail'), hint: t('forgot.mail_hint'), type: 'email', value: values.mail, autocomplete: 'email', errors, focus: focus === 'mail', maxLength: 254 }),
    login: () =>
      field({ name: 'login', label: t('form.login'), hint: config.institution.loginHint[lang] ?? config.institution.loginHint.fr, value: values.login, autocomplete: 'username', errors, focus: focus === 'login' }),
  };
  const identityAvailable = config.resetIdentity.enabled && 'resetByIdentity' in flows;
  const minutes = config.resetMail.tokenTtlMinutes;
  return html`<div class="page-grid">
    <section class="card" aria-labelledby="page-title">
    <h1 id="page-title">${t('forgot.title')}</h1>
    <p class="lead">${t(`forgot.intro.${match}` as MessageKey)}</p>
    ${errorSummary(t, errors, order)}
    <form method="post" action="/forgot" novalidate>
      ${FORGOT_FIELDS[match].map((name) => inputs[name]())}
      ${captchaField({ challenge, t, error: errors.captchaAnswer?.[0], focus: focus === 'captchaAnswer' })}
      <div class="actions">
        <button type="submit" class="button">${t('forgot.submit')}</button>
        <a class="button-link" href="/">${t('form.cancel')}</a>
      </div>
    </form>
    ${identityAvailable
      ? html`<p class="other-way">${t('forgot.other_way')} <a href="/reset/identity">${t('forgot.other_way_link')}</a></p>`
      : ''}
    </section>
    <aside class="help-panel" aria-labelledby="forgot-help-title">
      <h2 id="forgot-help-title">${t('forgot.help_title')}</h2>
      <ol class="steps">
        <li>${t('forgot.help_step1')}</li>
        <li>${t('forgot.help_step2', { minutes })}</li>
        <li>${t('forgot.help_step3')}</li>
      </ol>
      <p>${t('forgot.help_privacy')}</p>
    </aside>
  </div>`;
};

export const forgotSent = (c: Context<AppEnv>): Html => {
  const { t } = c.var;
  const minutes = c.var.services.config.resetMail.tokenTtlMinutes;
  return html`<section class="card card--success narrow-card" aria-labelledby="page-title">
    <h1 id="page-title">${t('forgot.sent_title')}</h1>
    <p class="lead" role="status">${t('forgot.sent')}</p>
    <p>${t('forgot.sent_validity', { minutes })}</p>
    <p>${t('forgot.sent_nothing')}</p>
    <div class="actions">
      <a class="button-secondary" href="/forgot">${t('forgot.sent_again')}</a>
      <a class="button-link" href="/">${t('success.home')}</a>
    </div>
  </section>`;
};
