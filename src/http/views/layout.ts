/**
 * @module http/views/layout
 * The page frame every page shares: institution header, language switch, main landmark, footer.
 * Only external scripts and stylesheets (the CSP forbids inline ones).
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Language, Translator } from '../../i18n/index.ts';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageFrame {
  t: Translator;
  lang: Language;
  /** Institution name and logo, from config. */
  institution: { name: string; logoUrl: string };
  /** Path and query of this page, for the language switch (which keeps the query). */
  path: string;
  query?: URLSearchParams | undefined;
  title: string;
  body: Html;
  /** Script names under /static/js, loaded with defer. */
  scripts?: string[];
  /** Extra stylesheets under /static/css. */
  styles?: string[];
  /** JSON for the browser scripts, in a non-executed script element (CSP-safe). */
  data?: { id: string; value: unknown } | undefined;
}

/** JSON safe to put inside <script type="application/json">: no `</script>` break-out. */
const scriptJson = (value: unknown) => raw(JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026'));

const languageSwitch = (t: Translator, lang: Language, path: string, query: URLSearchParams = new URLSearchParams()) => {
  const other: Language = lang === 'fr' ? 'en' : 'fr';
  const params = new URLSearchParams(query);
  params.set('lang', other);
  const name = other === 'fr' ? 'Français' : 'English';
  return html`<a class="language-switch" href="${path}?${params.toString()}" hreflang="${other}" lang="${other}"
    ><span class="visually-hidden">${t('layout.language')} : </span>${name}</a
  >`;
};

export const layout = (frame: PageFrame): Html => {
  const { t, lang, institution } = frame;
  const styles = ['app.css', ...(frame.styles ?? [])];
  return html`<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>${frame.title} – ${institution.name}</title>
    ${styles.map((name) => html`<link rel="stylesheet" href="/static/css/${name}" />`)}
    ${frame.data ? html`<script type="application/json" id="${frame.data.id}">${scriptJson(frame.data.value)}</script>` : ''}
    ${(frame.scripts ?? []).map((name) => html`<script src="/static/js/${name}.js" defer></script>`)}
  </head>
  <body>
    <a class="skip-link" href="#content">${t('layout.skip')}</a>
    <header class="site-header">
      <div class="site-header__inner">
        <a class="brand" href="/">
          <img class="brand__logo" src="${institution.logoUrl}" alt="" width="48" height="48" />
          <span class="brand__text">
            <span class="brand__institution">${institution.name}</span>
            <span class="brand__service">${t('layout.service')}</span>
          </span>
        </a>
        ${languageSwitch(t, lang, frame.path, frame.query)}
      </div>
    </header>
    <main id="content" class="page" tabindex="-1">${frame.body}</main>
    <footer class="site-footer">
      <div class="site-footer__inner">
        <p>${t('layout.footer', { institution: institution.name })}</p>
        <p><a href="/api/docs">${t('layout.api')}</a></p>
      </div>
    </footer>
  </body>
</html>`;
};
