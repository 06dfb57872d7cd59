/**
 * @module http/views/admin/login
 * The console's log-in form: directory login and password, one message for every refusal (the
 * form never tells an unknown login, a wrong password and a person without access apart), and a
 * notice when the previous session expired or ended.
 */
import { html } from 'hono/html';
import type { Translator } from '../../../i18n/index.ts';
import { errorSummary, field, firstInvalid, type FieldErrors } from '../form.ts';
import type { Html } from '../layout.ts';

export interface LoginView {
  t: Translator;
  login?: string | undefined;
  next?: string | undefined;
  errors?: FieldErrors | undefined;
  notice?: 'expired' | 'logged_out' | undefined;
}

const ORDER = ['login', 'password'];

export const loginPage = ({ t, login, next, errors = {}, notice }: LoginView): Html => {
  const first = firstInvalid(errors, ORDER);
  const nothingInvalid = !first && !(errors._form?.length);
  return html`<section class="card console-login" aria-labelledby="page-title">
    <h1 id="page-title">${t('admin.login.title')}</h1>
    ${notice ? html`<p class="notice" role="status">${t(notice === 'expired' ? 'admin.login.expired' : 'admin.login.logged_out')}</p>` : ''}
    ${errorSummary(t, errors, ORDER)}
    <p class="lead">${t('admin.login.intro')}</p>
    <form method="post" action="/admin/login" novalidate>
      ${next ? html`<input type="hidden" name="next" value="${next}" />` : ''}
      ${field({ name: 'login', label: t('form.login'), value: login, autocomplete: 'username', errors, focus: first === 'login' || (nothingInvalid && !login) })}
      ${field({ name: 'password', label: t('admin.login.password'), type: 'password', autocomplete: 'current-password', errors, focus: first === 'password' || (nothingInvalid && !!login) })}
      <div class="actions">
        <button type="submit" class="button">${t('admin.login.submit')}</button>
      </div>
    </form>
  </section>`;
};
