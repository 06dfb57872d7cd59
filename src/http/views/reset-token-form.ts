/**
 * @module http/views/reset-token-form
 * « Nouveau mot de passe », the form a reset link leads to: the new password twice, with the same
 * meter, checklist and policy panel as the change page, the captcha, then « Enregistrer ». The
 * token is not in the page: it travels in a short-lived HttpOnly cookie. The login sits in a
 * visually hidden, read-only field so that password managers file the new password under it.
 */
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { CaptchaChallenge } from '../../ports/captcha.ts';
import type { AppEnv } from '../env.ts';
import { captchaField } from './captcha.ts';
import { errorSummary, firstInvalid, type FieldErrors } from './form.ts';
import type { Html } from './layout.ts';
import { newPasswordFields, policyPanel } from './password.ts';

export const RESET_TOKEN_FIELDS = ['newPassword', 'confirmPassword', 'captchaAnswer'];

/** Where the form lives and posts (the link itself redirects here once the token is in the cookie). */
export const RESET_FORM_PATH = '/reset/password';

export interface ResetTokenFormOptions {
  c: Context<AppEnv>;
  login: string;
  errors: FieldErrors;
  challenge: CaptchaChallenge;
}

export const resetTokenForm = ({ c, login, errors, challenge }: ResetTokenFormOptions): Html => {
  const { t } = c.var;
  const { policy } = c.var.services;
  const focus = firstInvalid(errors, RESET_TOKEN_FIELDS);
  return html`<div class="page-grid">
    <section class="card" aria-labelledby="page-title">
      <h1 id="page-title">${t('reset.title')}</h1>
      <p class="lead">${t('reset.intro', { login })}</p>
      ${errorSummary(t, errors, RESET_TOKEN_FIELDS)}
      <form method="post" action="${RESET_FORM_PATH}" novalidate>
        <div class="visually-hidden">
          <label for="username">${t('form.login')}</label>
          <input id="username" type="text" name="username" value="${login}" autocomplete="username" readonly tabindex="-1" />
        </div>
        ${newPasswordFields({ t, policy, errors, focus: focus ?? 'newPassword' })}
        ${captchaField({ challenge, t, error: errors.captchaAnswer?.[0], focus: focus === 'captchaAnswer' })}
        <div class="actions">
          <button type="submit" class="button">${t('form.save')}</button>
          <a class="button-link" href="/">${t('form.cancel')}</a>
        </div>
      </form>
    </section>
    ${policyPanel(t, policy)}
  </div>`;
};
