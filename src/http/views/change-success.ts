/**
 * @module http/views/change-success
 * « La modification de votre mot de passe a été effectuée », and, when downstream systems get a
 * copy, the promise (« effectif sous N minutes ») with each target's state, which the sync-status
 * script keeps up to date without reloading.
 */
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { ChangeResult } from '../../flows/change/change.ts';
import type { AppEnv } from '../env.ts';
import type { Html } from './layout.ts';
import { syncTargetsList } from './sync-targets.ts';

export const changeSuccess = ({ c, result }: { c: Context<AppEnv>; result: ChangeResult }): Html => {
  const { t } = c.var;
  const { config } = c.var.services;
  return html`<section class="card card--success" aria-labelledby="page-title">
    <h1 id="page-title">${t('change.success_title')}</h1>
    <p class="lead">${t('change.success')}</p>
    ${syncTargetsList(c, result.sync)}
    ${config.institution.loginUrl
      ? html`<p><a class="button" href="${config.institution.loginUrl}">${t('success.go_login')}</a></p>`
      : html`<p><a class="button-link" href="/">${t('success.home')}</a></p>`}
  </section>`;
};
