/**
 * @module http/views/admin/confirm
 * The confirmation step of every console action: what will happen, in words, and one form that
 * posts it with the session's token (and, for a discard, the reason, required). Without this page
 * no action can run: links only ever lead here.
 */
import { html } from 'hono/html';
import type { Translator } from '../../../i18n/index.ts';
import type { ConsoleActionKind } from '../../../flows/console/roles.ts';
import type { AdminSession } from '../../../ports/admin-sessions.ts';
import { errorSummary, type FieldErrors } from '../form.ts';
import type { Html } from '../layout.ts';
import { csrfField } from './frame.ts';

export interface ConfirmView {
  t: Translator;
  session: AdminSession;
  action: ConsoleActionKind;
  target: string;
  jobId?: string | undefined;
  login?: string | undefined;
  /** Where « Annuler » leads. */
  back: string;
  errors?: FieldErrors | undefined;
  reason?: string | undefined;
}

export const confirmPage = (view: ConfirmView): Html => {
  const { t, action, target } = view;
  const errors = view.errors ?? {};
  const reasonErrors = errors.reason ?? [];
  return html`<section class="card confirm" aria-labelledby="page-title">
    <h1 id="page-title">${t(`admin.confirm.title.${action}`)}</h1>
    ${errorSummary(t, errors, ['reason'])}
    <p class="lead">${t(`admin.confirm.text.${action}`, { target, login: view.login ?? '' })}</p>
    <form method="post" action="/admin/actions/${action}" novalidate>
      ${csrfField(view.session)}
      <input type="hidden" name="target" value="${target}" />
      ${view.jobId ? html`<input type="hidden" name="job" value="${view.jobId}" />` : ''}
      ${action === 'discard'
        ? html`<div class="field${reasonErrors.length > 0 ? ' field--invalid' : ''}">
            <label for="reason">${t('admin.confirm.reason')}</label>
            <p class="field-hint" id="reason-hint">${t('admin.confirm.reason_hint')}</p>
            ${reasonErrors.length > 0 ? html`<p class="field-error" id="reason-error">${reasonErrors.join(' ')}</p>` : ''}
            <textarea id="reason" name="reason" rows="3" maxlength="250" required
              aria-describedby="reason-hint${reasonErrors.length > 0 ? ' reason-error' : ''}"
              ${reasonErrors.length > 0 ? html`aria-invalid="true" autofocus` : ''}>${view.reason ?? ''}</textarea>
          </div>`
        : ''}
      <div class="actions">
        <button type="submit" class="button">${t(`admin.confirm.submit.${action}`)}</button>
        <a class="button-link" href="${view.back}">${t('admin.confirm.cancel')}</a>
      </div>
    </form>
  </section>`;
};
