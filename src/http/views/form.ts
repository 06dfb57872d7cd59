/**
 * @module http/views/form
 * Form pieces shared by every page: labelled fields with hint and error wired for screen readers,
 * the error summary, and the first invalid field focused (autofocus works without JavaScript).
 */
import { html } from 'hono/html';
import type { Translator } from '../../i18n/index.ts';
import type { Html } from './layout.ts';

/** Messages per field name; `_form` holds those that belong to no field. */
export type FieldErrors = Record<string, string[]>;

export interface FieldOptions {
  name: string;
  label: string;
  hint?: string | undefined;
  value?: string | undefined;
  type?: 'text' | 'email' | 'password' | 'date';
  autocomplete?: string;
  errors?: FieldErrors;
  /** The first field in error gets the focus. */
  focus?: boolean;
  required?: boolean;
  /** Extra attributes for the browser scripts (already-escaped fragment). */
  extra?: Html;
  /** Rendered right after the input (meter, checklist, match line). */
  after?: Html;
  inputMode?: string;
  maxLength?: number;
}

const describedBy = (name: string, hint: boolean, error: boolean, extra: string[] = []) =>
  [hint ? `${name}-hint` : '', error ? `${name}-error` : '', ...extra].filter(Boolean).join(' ');

export const field = (options: FieldOptions): Html => {
  const { name, errors = {} } = options;
  const messages = errors[name] ?? [];
  const invalid = messages.length > 0;
  const ids = describedBy(name, Boolean(options.hint), invalid);
  return html`<div class="field${invalid ? ' field--invalid' : ''}">
    <label for="${name}">${options.label}</label>
    ${options.hint ? html`<p class="field-hint" id="${name}-hint">${options.hint}</p>` : ''}
    ${invalid ? html`<p class="field-error" id="${name}-error">${messages.map((m) => html`<span>${m}</span> `)}</p>` : ''}
    <input
      id="${name}"
      name="${name}"
      type="${options.type ?? 'text'}"
      ${options.value !== undefined && options.type !== 'password' ? html`value="${options.value}"` : ''}
      ${options.autocomplete ? html`autocomplete="${options.autocomplete}"` : ''}
      ${options.inputMode ? html`inputmode="${options.inputMode}"` : ''}
      maxlength="${options.maxLength ?? 256}"
      ${options.required === false ? '' : html`required`}
      ${ids ? html`aria-describedby="${ids}"` : ''}
      ${invalid ? html`aria-invalid="true"` : ''}
      ${options.focus ? html`autofocus` : ''}
      ${options.type === 'text' || options.type === undefined ? html`autocapitalize="none" spellcheck="false"` : ''}
      ${options.extra ?? ''}
    />
    ${options.after ?? ''}
  </div>`;
};

/** The list of problems at the top of a form, each linking to its field. */
export const errorSummary = (t: Translator, errors: FieldErrors, order: string[]): Html => {
  const entries = order.flatMap((name) => (errors[name] ?? []).map((message) => ({ name, message })));
  const general = errors._form ?? [];
  if (entries.length === 0 && general.length === 0) return html``;
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
    <h2 id="error-summary-title" class="error-summary__title">${t('form.errors_title')}</h2>
    <ul>
      ${general.map((message) => html`<li>${message}</li>`)}
      ${entries.map(({ name, message }) => html`<li><a href="#${name}">${message}</a></li>`)}
    </ul>
  </div>`;
};

/** The name of the first field with an error, in display order. */
export const firstInvalid = (errors: FieldErrors, order: string[]): string | undefined =>
  order.find((name) => (errors[name] ?? []).length > 0);

