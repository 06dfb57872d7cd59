/**
 * The captcha field as the browser receives it: labelled, usable without JavaScript, wired for
 * screen readers, and within the CSP (no inline script, no style attribute, no event handler).
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.ts';
import type { CaptchaChallenge } from '../../../src/ports/captcha.ts';
import { captchaField } from '../../../src/http/views/captcha.ts';

const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="64" viewBox="0,0,200,64"><path d="M1 1"/></svg>';
const image: CaptchaChallenge = { kind: 'image', id: 'hM3kq0vB2x9QxjW1rT6yNg', svg };
const altcha: CaptchaChallenge = {
  kind: 'altcha',
  id: 'hM3kq0vB2x9QxjW1rT6yNg',
  challenge: { parameters: { algorithm: 'SHA-256' }, signature: 'ab'.repeat(32) },
};

const render = async (options: Parameters<typeof captchaField>[0]) => String(await captchaField(options));

/** The attributes of the first tag matching `selector` (a tag name plus one attribute test). */
const tag = (markup: string, name: string, has: string): Record<string, string> => {
  const found = [...markup.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'g'))].map((m) => m[1] ?? '').find((a) => a.includes(has));
  if (found === undefined) throw new Error(`no <${name}> with ${has} in:\n${markup}`);
  return Object.fromEntries([...found.matchAll(/([a-zA-Z-]+)(?:="([^"]*)")?/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
};

const expectCspSafe = (markup: string) => {
  expect(markup).not.toMatch(/\sstyle=/i);
  expect(markup).not.toMatch(/\son[a-z]+=/i);
  expect(markup).not.toMatch(/<style/i);
  for (const script of markup.match(/<script\b[^>]*>/g) ?? []) expect(script).toMatch(/\ssrc="\/static\/js\/[a-z-]+\.js"/);
};

describe('image captcha field', () => {
  it('shows the image as a data: URL with a useful alt, the label and the answer field', async () => {
    const markup = await render({ challenge: image, t: translator('fr') });
    const img = tag(markup, 'img', 'captcha-image');
    expect(img.src).toBe(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
    expect(img.alt).toContain('caractères');
    expect(img.alt).toContain('assistance');
    expect([img.width, img.height]).toEqual(['200', '64']);
    expect(markup).toContain(`<label for="captchaAnswer">Recopiez le texte qui apparaît sur l&#39;image</label>`);
    const input = tag(markup, 'input', 'name="captchaAnswer"');
    expect(input).toMatchObject({ id: 'captchaAnswer', type: 'text', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', required: '' });
    expect(input['aria-describedby']).toBe('captchaAnswer-hint');
    expect(input).not.toHaveProperty('aria-invalid');
    expect(input).not.toHaveProperty('value');
    expect(tag(markup, 'input', 'name="captchaId"')).toMatchObject({ type: 'hidden', value: image.id });
    expectCspSafe(markup);
  });

  it('has a « Nouvelle image » button that works without JavaScript', async () => {
    const markup = await render({ challenge: image, t: translator('fr') });
    const button = tag(markup, 'button', 'data-captcha-refresh');
    expect(button).toMatchObject({ type: 'submit', name: 'intent', value: 'new-captcha', formnovalidate: '' });
    expect(markup).toMatch(/data-captcha-refresh>Nouvelle image<\/button>/);
  });

  it('puts a plain submit button first, so that Enter in a field submits the form rather than asking for a new image', async () => {
    const markup = await render({ challenge: image, t: translator('fr') });
    const firstButton = markup.match(/<button\b[^>]*>/)?.[0] ?? '';
    expect(firstButton).toMatch(/type="submit"/);
    expect(firstButton).toMatch(/\shidden\s/);
    expect(firstButton).not.toMatch(/\sname=/);
  });

  it('has an empty polite live region for the script’s announcement', async () => {
    const markup = await render({ challenge: image, t: translator('fr') });
    expect(markup).toMatch(/<p class="visually-hidden" role="status" aria-live="polite" data-captcha-status data-announce="Nouvelle image affichée"><\/p>/);
  });

  it('marks the field invalid and ties the message to it', async () => {
    const markup = await render({ challenge: image, t: translator('fr'), error: 'Le texte ne correspond pas.', focus: true });
    expect(markup).toMatch(/class="field captcha field--invalid"/);
    expect(markup).toContain('<p class="field-error" id="captchaAnswer-error">Le texte ne correspond pas.</p>');
    const input = tag(markup, 'input', 'name="captchaAnswer"');
    expect(input).toMatchObject({ 'aria-invalid': 'true', 'aria-describedby': 'captchaAnswer-hint captchaAnswer-error', autofocus: '' });
  });

  it('speaks English too', async () => {
    const markup = await render({ challenge: image, t: translator('en') });
    expect(markup).toContain('<label for="captchaAnswer">Copy the text shown in the image</label>');
    expect(markup).toMatch(/data-captcha-refresh>New image<\/button>/);
    expect(markup).toContain('data-announce="New image shown"');
  });
});

describe('altcha captcha field', () => {
  it('renders the widget with our challenge URL, its strings, and a message for people without JavaScript', async () => {
    const markup = await render({ challenge: altcha, t: translator('fr') });
    const widget = tag(markup, 'altcha-widget', 'challenge');
    expect(widget).toMatchObject({ challenge: '/captcha/altcha-challenge', name: 'altcha', 'data-worker': '/static/js/altcha-worker.js' });
    const strings = JSON.parse(widget['data-strings']?.replaceAll('&quot;', '"') ?? '{}') as Record<string, string>;
    expect(strings.label).toBe('Je ne suis pas un robot');
    expect(JSON.parse(widget.configuration?.replaceAll('&quot;', '"') ?? '{}')).toEqual({ hideFooter: true, hideLogo: true });
    expect(markup).toMatch(/<noscript><p class="field-error">Cette vérification anti-robot a besoin de JavaScript\./);
    expect(markup).toContain('<script src="/static/js/altcha.js" defer></script>');
    expect(markup).toContain('<link rel="stylesheet" href="/static/js/altcha.css" />');
    expect(markup).not.toContain('captchaAnswer');
    expectCspSafe(markup);
  });

  it('passes the error wiring to the widget script', async () => {
    const markup = await render({ challenge: altcha, t: translator('en'), error: 'Please tick the box again.' });
    const widget = tag(markup, 'altcha-widget', 'challenge');
    expect(widget).toMatchObject({ 'data-describedby': 'altcha-hint altcha-error', 'data-invalid': '' });
    expect(markup).toContain('<p class="field-error" id="altcha-error">Please tick the box again.</p>');
    expect(JSON.parse(widget['data-strings']?.replaceAll('&quot;', '"') ?? '{}')).toMatchObject({ label: 'I am not a robot' });
  });
});
