/**
 * @module http/pages/home
 * The home page: the three ways in (change, reset by e-mail link, reset by identity proof). A way
 * that is switched off in the config, or not offered by this instance, is not shown as a link.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { html } from 'hono/html';
import type { MessageKey } from '../../i18n/index.ts';
import type { AppEnv } from '../env.ts';
import { renderPage } from '../render.ts';

interface Way {
  href: string;
  title: MessageKey;
  text: MessageKey;
  available: boolean;
}

export const registerHomePage = (app: OpenAPIHono<AppEnv>) => {
  app.get('/', (c) => {
    const { t } = c.var;
    const { config, flows } = c.var.services;
    const ways: Way[] = [
      { href: '/change', title: 'home.change_title', text: 'home.change_text', available: true },
      { href: '/forgot', title: 'home.forgot_title', text: 'home.forgot_text', available: config.resetMail.enabled && 'requestReset' in flows },
      { href: '/reset/identity', title: 'home.identity_title', text: 'home.identity_text', available: config.resetIdentity.enabled && 'resetByIdentity' in flows },
    ];
    const body = html`<h1 id="page-title" class="home-title">${t('home.title')}</h1>
      <p class="lead">${t('home.intro')}</p>
      <ul class="ways" aria-labelledby="page-title">
        ${ways.map((way) =>
          way.available
            ? html`<li class="way">
                <a class="way__link" href="${way.href}">
                  <span class="way__title">${t(way.title)}</span>
                  <span class="way__text">${t(way.text)}</span>
                </a>
              </li>`
            : html`<li class="way way--unavailable">
                <span class="way__title">${t(way.title)}</span>
                <span class="way__text">${t('home.unavailable')}</span>
              </li>`,
        )}
      </ul>`;
    return renderPage(c, { title: t('home.title'), body });
  });
};
