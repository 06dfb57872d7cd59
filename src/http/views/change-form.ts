/**
 * @module http/views/change-form
 * The « Modifier mon mot de passe » form.
 */
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { CaptchaChallenge } from '../../ports/captcha.ts';
import type { AppEnv } from '../env.ts';
import { captchaField } from './captcha.ts';
import { errorSummary, field, firstInvalid, type FieldErrors } from './form.ts';
import type { Html } from './layout.ts';
import { newPasswordFields, policyPanel } from './password.ts';

/** Display order, for the error summary and the focus. */
export const CHANGE_FIELDS = ['login', 'currentPassword', 'newPassword', 'confirmPassword', 'captchaAnswer'];

export interface ChangeFormOptions {
  c: Context<AppEnv>;
  values: { login?: string | undefined };
  errors: FieldErrors;
  challenge: CaptchaChallenge;
}

export const changeForm = ({ c, values, errors, challenge }: ChangeFormOptions): Html => {
  const { t } = c.var;
  const { policy, config } = c.var.services;
  const focus = firstInvalid(errors, CHANGE_FIELDS);
  const loginHint = config.institution.loginHint[c.var.lang] ?? config.institution.loginHint.fr;
  return html`<div class="page-grid">
    <section class="card" aria-labelledby="page-title">
      <h1 id="page-title">${t('change.title')}</h1>
      <p class="lead">${t('change.intro')}</p>
      ${errorSummary(t, errors, CHANGE_FIELDS)}
      <form method="post" action="/change" novalidate>
        ${field({ name: 'login', label: t('form.login'), hint: loginHint, value: values.login, autocomplete: 'username', errors, focus: focus === 'login', extra: html`data-user-input` })}
        ${field({ name: 'currentPassword', label: t('form.current_password'), type: 'password', autocomplete: 'current-password', errors, focus: focus === 'currentPassword', maxLength: 1024 })}
        ${newPasswordFields({ t, policy, errors, focus, currentPassword: true })}
        ${captchaField({ challenge, t, error: errors.captchaAnswer?.[0], focus: focus === 'captchaAnswer' })}
        <div class="actions">
          <button type="submit" class="button">${t('form.save')}</button>
          <a class="button-link" href="/">${t('form.cancel')}</a>
        </div>
      </form>
    </section>
    ${policyPanel(t, policy, { currentPassword: true })}
  </div>`;
};
