/**
 * @module http/views/identity-form
 * « Redéfinir mon mot de passe »: login, the proofs the config lists (a date as JJ/MM/AAAA, or a
 * date picker when the config asks), the new password twice with the meter and checklist, the
 * captcha; beside it the help panel (what a Numéro de personne extérieure is, from config) and the
 * policy panel.
 */
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { CaptchaChallenge } from '../../ports/captcha.ts';
import type { AppEnv } from '../env.ts';
import { captchaField } from './captcha.ts';
import { errorSummary, field, firstInvalid, type FieldErrors } from './form.ts';
import type { Html } from './layout.ts';
import { newPasswordFields, policyPanel } from './password.ts';

export interface IdentityFormOptions {
  c: Context<AppEnv>;
  values: { login?: string | undefined; proofs: Record<string, string | undefined> };
  errors: FieldErrors;
  challenge: CaptchaChallenge;
}

/** Display order, for the error summary and the focus: login, each proof, passwords, captcha. */
export const identityFieldOrder = (c: Context<AppEnv>): string[] => [
  'login',
  ...c.var.services.config.resetIdentity.proofs.map((proof) => proof.name),
  'newPassword',
  'confirmPassword',
  'captchaAnswer',
];

export const identityForm = ({ c, values, errors, challenge }: IdentityFormOptions): Html => {
  const { t, lang } = c.var;
  const { config, policy, flows } = c.var.services;
  const { proofs, help } = config.resetIdentity;
  const order = identityFieldOrder(c);
  const focus = firstInvalid(errors, order);
  const text = (value: { fr: string; en?: string | undefined } | undefined) => (value ? (value[lang] ?? value.fr) : undefined);
  const forgotAvailable = config.resetMail.enabled && 'requestReset' in flows;
  return html`<div class="page-grid">
    <section class="card" aria-labelledby="page-title">
      <h1 id="page-title">${t('identity.title')}</h1>
      <p class="lead">${t('identity.intro')}</p>
      ${errorSummary(t, errors, order)}
      <form method="post" action="/reset/identity" novalidate>
        <fieldset class="form-group">
          <legend>${t('identity.proofs_legend')}</legend>
          <p class="group-hint"><a href="#identity-help">${t('identity.help_link')}</a></p>
          ${field({ name: 'login', label: t('form.login'), hint: text(config.institution.loginHint), value: values.login, autocomplete: 'username', errors, focus: focus === 'login', extra: html`data-user-input` })}
          ${proofs.map((proof) => {
            const isDate = proof.kind === 'date';
            const hint = text(proof.hint) ?? (isDate && !proof.picker ? t('identity.date_hint') : undefined);
            return field({
              name: proof.name,
              label: text(proof.label)!,
              hint,
              type: isDate && proof.picker ? 'date' : 'text',
              value: values.proofs[proof.name],
              autocomplete: isDate ? 'bday' : 'off',
              errors,
              focus: focus === proof.name,
              maxLength: 128,
            });
          })}
        </fieldset>
        <fieldset class="form-group">
          <legend>${t('identity.password_legend')}</legend>
          ${newPasswordFields({ t, policy, errors, focus })}
        </fieldset>
        ${captchaField({ challenge, t, error: errors.captchaAnswer?.[0], focus: focus === 'captchaAnswer' })}
        <div class="actions">
          <button type="submit" class="button">${t('form.save')}</button>
          <a class="button-link" href="/">${t('form.cancel')}</a>
        </div>
      </form>
      ${forgotAvailable ? html`<p class="other-way">${t('identity.other_way')} <a href="/forgot">${t('identity.other_way_link')}</a></p>` : ''}
    </section>
    <div class="side-panels">
      <aside class="help-panel" id="identity-help" tabindex="-1" aria-labelledby="identity-help-title">
        <h2 id="identity-help-title">${t('identity.help_title')}</h2>
        <p>${text(help)}</p>
      </aside>
      ${policyPanel(t, policy)}
    </div>
  </div>`;
};
