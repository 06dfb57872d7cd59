/**
 * @module http/views/reset-result
 * The end pages of both forgotten-password flows: « Mot de passe enregistré » (with the sync
 * promise and the institution's log-in link) and the one page for a link that is unknown, used,
 * replaced or expired, with a way to ask again.
 */
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { ResetResult } from '../../flows/reset-mail/confirm.ts';
import type { AppEnv } from '../env.ts';
import type { Html } from './layout.ts';
import { syncTargetsList } from './sync-targets.ts';

export const resetSuccess = (c: Context<AppEnv>, result: ResetResult): Html => {
  const { t } = c.var;
  const { config } = c.var.services;
  return html`<section class="card card--success narrow-card" aria-labelledby="page-title">
    <h1 id="page-title">${t('reset.success_title')}</h1>
    <p class="lead" role="status">${t('reset.success')}</p>
    ${syncTargetsList(c, result.sync)}
    ${config.mail.notifyOnChange ? html`<p>${t('reset.success_notice')}</p>` : ''}
    ${config.institution.loginUrl
      ? html`<p><a class="button" href="${config.institution.loginUrl}">${t('success.go_login')}</a></p>`
      : html`<p><a class="button-link" href="/">${t('success.home')}</a></p>`}
  </section>`;
};

export const resetInvalid = (c: Context<AppEnv>): Html => {
  const { t } = c.var;
  return html`<section class="card card--error narrow-card" aria-labelledby="page-title">
    <h1 id="page-title">${t('reset.invalid_title')}</h1>
    <p class="lead">${t('reset.invalid')}</p>
    <div class="actions">
      <a class="button" href="/forgot">${t('reset.ask_again')}</a>
      <a class="button-link" href="/">${t('success.home')}</a>
    </div>
  </section>`;
};
