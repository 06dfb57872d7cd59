/**
 * @module http/pages/error
 * The error page for page routes: the translated message, the request id to quote to the help
 * desk, and a way back.
 */
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { translator } from '../../i18n/index.ts';
import type { PasserelleError } from '../../errors.ts';
import type { AppEnv } from '../env.ts';
import { errorMessage } from '../errors.ts';
import { renderPage } from '../render.ts';

export const errorPage = (c: Context<AppEnv>, error: PasserelleError, status: ContentfulStatusCode) => {
  const t = c.var.t ?? translator('fr');
  const body = html`<section class="card card--error" aria-labelledby="page-title">
    <h1 id="page-title">${t(status === 404 ? 'errorpage.not_found_title' : 'errorpage.title')}</h1>
    <p class="lead">${errorMessage(t, error)}</p>
    ${c.var.requestId ? html`<p class="muted">${t('errorpage.reference', { id: c.var.requestId })}</p>` : ''}
    <p><a class="button" href="/">${t('success.home')}</a></p>
  </section>`;
  return renderPage(c, { title: t('errorpage.title'), body, status });
};
