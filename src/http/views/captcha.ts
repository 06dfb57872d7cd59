/**
 * @module http/views/captcha
 * The captcha part of a form: the image with its answer field and « Nouvelle image » button, or
 * the Altcha widget. Works without JavaScript (image); scripts under /static/js only improve it.
 */
import { html } from 'hono/html';
import type { MessageKey, Translator } from '../../i18n/index.ts';
import type { CaptchaChallenge } from '../../ports/captcha.ts';
import type { Html } from './layout.ts';

/** Where the browser scripts fetch a fresh challenge (routes in http/pages/captcha.ts). */
export const CAPTCHA_NEW_PATH = '/captcha/new';
export const ALTCHA_CHALLENGE_PATH = '/captcha/altcha-challenge';

/** Form field names the page handlers read. */
export const CAPTCHA_FIELDS = {
  /** Image: the text typed. */
  answer: 'captchaAnswer',
  /** Image: the challenge id (hidden). */
  id: 'captchaId',
  /** Altcha: the widget's payload (hidden input the widget adds). */
  altcha: 'altcha',
  /** The « Nouvelle image » button posts `intent=new-captcha`. */
  intent: 'intent',
  newCaptcha: 'new-captcha',
} as const;

export interface CaptchaFieldOptions {
  challenge: CaptchaChallenge;
  t: Translator;
  /** The message to show under the field (already translated). */
  error?: string | undefined;
  /** Put the focus here on load (first field in error). */
  focus?: boolean | undefined;
}

/** The image as a data: URL (the CSP allows `img-src data:`; the SVG is ours, not user input). */
export const captchaImageUrl = (svg: string): string => `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

/** The width and height written in the SVG root, for the <img> (no layout shift). */
const svgSize = (svg: string) => {
  const root = /^<svg[^>]*>/.exec(svg)?.[0] ?? '';
  return { width: /\swidth="(\d+)"/.exec(root)?.[1], height: /\sheight="(\d+)"/.exec(root)?.[1] };
};

/** Widget string name → our message key (the widget reads them from `$altcha.i18n`). */
const ALTCHA_STRINGS: Record<string, MessageKey> = {
  label: 'captcha.altcha.label',
  loading: 'captcha.altcha.loading',
  verify: 'captcha.altcha.verify',
  verifying: 'captcha.altcha.verifying',
  verified: 'captcha.altcha.verified',
  verificationRequired: 'captcha.altcha.verification_required',
  waitAlert: 'captcha.altcha.wait_alert',
  error: 'captcha.altcha.error',
  expired: 'captcha.altcha.expired',
  reload: 'captcha.altcha.reload',
};

const imageField = (challenge: Extract<CaptchaChallenge, { kind: 'image' }>, options: CaptchaFieldOptions): Html => {
  const { t, error } = options;
  const { answer, id } = CAPTCHA_FIELDS;
  const { width, height } = svgSize(challenge.svg);
  const describedBy = [`${answer}-hint`, error ? `${answer}-error` : ''].filter(Boolean).join(' ');
  // The hidden nameless submit button comes first: pressing Enter in any field of the form
  // "clicks" the form's first submit button (HTML implicit submission), which must be a plain
  // submission, not « Nouvelle image » when this fragment sits before the form's own button.
  return html`<div class="field captcha${error ? ' field--invalid' : ''}" data-captcha="image" data-captcha-new-url="${CAPTCHA_NEW_PATH}">
    <button type="submit" hidden tabindex="-1" aria-hidden="true"></button>
    <label for="${answer}">${t('captcha.label')}</label>
    <p class="field-hint" id="${answer}-hint">${t('captcha.hint')}</p>
    ${error ? html`<p class="field-error" id="${answer}-error">${error}</p>` : ''}
    <div class="captcha-row">
      <img class="captcha-image" src="${captchaImageUrl(challenge.svg)}" alt="${t('captcha.image_alt')}" ${width ? html`width="${width}"` : ''} ${height ? html`height="${height}"` : ''} data-captcha-image />
      <button type="submit" name="${CAPTCHA_FIELDS.intent}" value="${CAPTCHA_FIELDS.newCaptcha}" formnovalidate class="button-secondary" data-captcha-refresh>${t('captcha.new_image')}</button>
    </div>
    <input
      id="${answer}"
      name="${answer}"
      type="text"
      autocomplete="off"
      autocapitalize="off"
      autocorrect="off"
      spellcheck="false"
      maxlength="32"
      required
      aria-describedby="${describedBy}"
      ${error ? html`aria-invalid="true"` : ''}
      ${options.focus ? html`autofocus` : ''}
    />
    <input type="hidden" name="${id}" value="${challenge.id}" />
    <p class="visually-hidden" role="status" aria-live="polite" data-captcha-status data-announce="${t('captcha.new_image_announce')}"></p>
  </div>
  <link rel="stylesheet" href="/static/css/captcha.css" />
  <script src="/static/js/captcha.js" defer></script>`;
};

const altchaField = (options: CaptchaFieldOptions): Html => {
  const { t, error } = options;
  const strings = Object.fromEntries(Object.entries(ALTCHA_STRINGS).map(([name, key]) => [name, t(key)]));
  const describedBy = ['altcha-hint', error ? 'altcha-error' : ''].filter(Boolean).join(' ');
  // The footer links to altcha.org in a new tab; the page has its own help, so it is hidden.
  const configuration = JSON.stringify({ hideFooter: true, hideLogo: true });
  return html`<div class="field captcha captcha--altcha${error ? ' field--invalid' : ''}" data-captcha="altcha">
    <p class="field-hint" id="altcha-hint">${t('captcha.altcha_hint')}</p>
    ${error ? html`<p class="field-error" id="altcha-error">${error}</p>` : ''}
    <altcha-widget
      challenge="${ALTCHA_CHALLENGE_PATH}"
      name="${CAPTCHA_FIELDS.altcha}"
      type="checkbox"
      display="standard"
      auto="off"
      configuration="${configuration}"
      data-strings="${JSON.stringify(strings)}"
      data-worker="/static/js/altcha-worker.js"
      data-describedby="${describedBy}"
      ${error ? html`data-invalid` : ''}
      ${options.focus ? html`data-focus` : ''}
    ></altcha-widget>
    <noscript><p class="field-error">${t('captcha.noscript')}</p></noscript>
  </div>
  <link rel="stylesheet" href="/static/js/altcha.css" />
  <link rel="stylesheet" href="/static/css/captcha.css" />
  <script src="/static/js/altcha.js" defer></script>`;
};

/**
 * The captcha field for a form. Image: posts `captchaId` + `captchaAnswer`, and
 * `intent=new-captcha` from the « Nouvelle image » button. Altcha: posts `altcha` (the payload).
 * Brings its own stylesheet and script (idempotent if the page also loads /static/js/captcha.js).
 * @example html`<form method="post">…${captchaField({ challenge, t, error })}<button>…</button></form>`
 */
export const captchaField = (options: CaptchaFieldOptions): Html =>
  options.challenge.kind === 'image' ? imageField(options.challenge, options) : altchaField(options);
