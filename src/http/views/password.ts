/**
 * @module http/views/password
 * The new-password and confirmation fields with the markup the browser meter enhances
 * (src/browser/meter.ts documents the contract): an empty meter container, the policy checklist
 * rendered here so that it is readable without JavaScript, and the confirmation's match line.
 * Also the « Complexité du mot de passe » help panel.
 */
import { html } from 'hono/html';
import type { Translator } from '../../i18n/index.ts';
import { policyChecklist, policySentences } from '../../policy/describe.ts';
import type { PasswordPolicy } from '../../policy/types.ts';
import { field, type FieldErrors } from './form.ts';
import type { Html } from './layout.ts';

export interface NewPasswordOptions {
  t: Translator;
  policy: PasswordPolicy;
  errors: FieldErrors;
  focus?: string | undefined;
  /** Field names; the reset pages use the same ones. */
  name?: string;
  confirmName?: string;
  /** The page asks for the current password: the checklist adds « différent du mot de passe actuel ». */
  currentPassword?: boolean;
}

export const newPasswordFields = ({ t, policy, errors, focus, name = 'newPassword', confirmName = 'confirmPassword', currentPassword = false }: NewPasswordOptions): Html => {
  const checklist = html`<div class="meter" data-meter-for="${name}" id="${name}-meter"></div>
    <ul class="checklist" data-checklist-for="${name}" aria-label="${t('form.checklist_label')}">
      ${policyChecklist(policy, { currentPassword }).map((rule) => html`<li data-rule="${rule.code}">${t(rule.key, rule.params)}</li>`)}
    </ul>`;
  return html`${field({
      name,
      label: t('form.new_password'),
      type: 'password',
      autocomplete: 'new-password',
      errors,
      focus: focus === name,
      maxLength: 1024,
      extra: html`data-strength`,
      after: checklist,
    })}
    ${field({
      name: confirmName,
      label: t('form.confirm_password'),
      type: 'password',
      autocomplete: 'new-password',
      errors,
      focus: focus === confirmName,
      maxLength: 1024,
      extra: html`data-confirm-for="${name}"`,
      after: html`<div class="match" id="${confirmName}-match"></div>`,
    })}`;
};

/** « Complexité du mot de passe »: the configured policy in words. */
export const policyPanel = (t: Translator, policy: PasswordPolicy, options: { currentPassword?: boolean } = {}): Html =>
  html`<aside class="help-panel" aria-labelledby="policy-panel-title">
    <h2 id="policy-panel-title">${t('policy.panel_title')}</h2>
    ${policySentences(policy, t, options).map((sentence) => html`<p>${t(sentence.key, sentence.params)}</p>`)}
  </aside>`;

/** The JSON the meter reads. */
export const meterData = (policy: PasswordPolicy, language: string, userInputs: string[] = []) => ({
  id: 'passerelle-policy',
  value: { policy, language, userInputs },
});
