/**
 * @module http/views/sync-targets
 * The downstream systems that will receive the new password, with the promise and each one's
 * state. The sync-status script polls /api/v1/password/sync-status/{ref} and updates the states.
 */
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { PreparedSync } from '../../ports/sync.ts';
import type { AppEnv } from '../env.ts';
import type { Html } from './layout.ts';

export const syncTargetsList = (c: Context<AppEnv>, sync: PreparedSync): Html => {
  if (sync.targets.length === 0) return html``;
  const { t, lang } = c.var;
  const minutes = c.var.services.config.sync.promiseMinutes;
  return html`<p>${t('sync.promise', { minutes })}</p>
    <div class="sync-status" data-sync-ref="${sync.ref}">
      <h2 class="sync-status__title">${t('sync.targets_title')}</h2>
      <ul class="sync-status__list" aria-live="polite">
        ${sync.targets.map(
          (target) => html`<li class="sync-target" data-target="${target.name}" data-state="pending">
            <span class="sync-target__label">${target.label[lang] ?? target.label.fr}</span>
            <span class="sync-target__state">${t('sync.state.pending')}</span>
          </li>`,
        )}
      </ul>
    </div>`;
};
