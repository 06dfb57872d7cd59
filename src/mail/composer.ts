/**
 * @module mail/composer
 * Turns a mail as the flows describe it (ports/mail-outbox) into subject, plain text and HTML, in
 * the person's language, with the institution's name and logo: « Bonjour M. Dupont, » when the
 * directory holds a civility, « Bonjour Jean Dupont, » otherwise. Every value from outside (names,
 * addresses) is stripped of control characters first, so nothing can fold a header or fake a line.
 */
import Mustache from 'mustache';
import { translator, type Language, type Translator } from '../i18n/index.ts';
import type { MailMessage } from '../ports/mail-outbox.ts';
import type { MailRecipient } from '../ports/mail-queue.ts';
import type { OutgoingMail } from '../ports/mailer.ts';
import type { MailLogo } from './logo.ts';
import type { MailTemplates } from './templates.ts';
import { summarizeUserAgent } from './user-agent.ts';

export interface MailComposerSettings {
  templates: MailTemplates;
  institution: { name: string; supportText?: { fr: string; en?: string | undefined } | undefined };
  logo: MailLogo;
  /** The portal's address, for the links in mails (no trailing slash). */
  publicUrl: string;
  /** IANA time zone of the dates written in mails. */
  timeZone: string;
}

export interface MailComposer {
  render(message: MailMessage): OutgoingMail;
}

/** Control characters (CR, LF, NUL…) and line separators become spaces; long values are cut. */
export const cleanText = (value: string | undefined, max = 256): string =>
  (value ?? '').replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, max);

const CIVILITIES: Record<string, Record<Language, string>> = {
  m: { fr: 'M.', en: 'Mr' },
  mr: { fr: 'M.', en: 'Mr' },
  monsieur: { fr: 'M.', en: 'Mr' },
  mme: { fr: 'Mme', en: 'Ms' },
  madame: { fr: 'Mme', en: 'Ms' },
  mlle: { fr: 'Mme', en: 'Ms' },
  mademoiselle: { fr: 'Mme', en: 'Ms' },
  mrs: { fr: 'Mme', en: 'Mrs' },
  ms: { fr: 'Mme', en: 'Ms' },
};

/** « M. » / « Mme » in French, Mr / Ms in English; another short title (« Dr ») as stored. */
export const civilityFor = (language: Language, stored: string | undefined): string | undefined => {
  const value = cleanText(stored, 32);
  if (!value) return undefined;
  const known = CIVILITIES[value.toLowerCase().replace(/[.\s]/g, '')];
  if (known) return known[language];
  return value.length <= 12 ? value : undefined;
};

export const greetingFor = (t: Translator, language: Language, to: MailRecipient | undefined): string => {
  if (!to) return t('mail.greeting.plain');
  const lastName = cleanText(to.lastName);
  const civility = civilityFor(language, to.civility);
  if (civility && lastName) return t('mail.greeting.civility', { civility, lastName });
  const name = [cleanText(to.firstName), lastName].filter(Boolean).join(' ') || cleanText(to.displayName);
  return name ? t('mail.greeting.name', { name }) : t('mail.greeting.plain');
};

const durationText = (t: Translator, minutes: number): string => {
  if (minutes >= 60 && minutes % 60 === 0) return minutes === 60 ? t('mail.duration.hour') : t('mail.duration.hours', { n: minutes / 60 });
  return minutes === 1 ? t('mail.duration.minute') : t('mail.duration.minutes', { n: minutes });
};

const noEscape = (value: unknown) => String(value);

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** The five characters that matter in text and quoted attributes; Mustache's default also rewrites `/` and `=`, which makes links unreadable in the source. */
const escapeHtml = (value: unknown) => String(value).replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]!);

/**
 * @example const composer = createMailComposer({ templates: loadMailTemplates('templates/mail'), institution, logo, publicUrl, timeZone: 'Europe/Paris' });
 *          const mail = composer.render({ event: 'reset-link', to, language: 'fr', link, validMinutes: 30, origin });
 */
export const createMailComposer = (settings: MailComposerSettings): MailComposer => {
  // Built once: an unknown time zone stops the start-up (RangeError) rather than a mail.
  const dateFormats: Record<Language, Intl.DateTimeFormat> = {
    fr: new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeStyle: 'short', timeZone: settings.timeZone }),
    en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: settings.timeZone }),
  };
  const { institution, publicUrl, templates, logo } = settings;

  const viewFor = (message: MailMessage, t: Translator): Record<string, unknown> => {
    const { language } = message;
    const date = (value: Date) => dateFormats[language].format(value);
    const browser = summarizeUserAgent(message.origin.userAgent);
    const common = {
      lang: language,
      institution: { name: cleanText(institution.name), logoUrl: logo.src },
      service: t('layout.service'),
      automated: t('mail.automated', { institution: cleanText(institution.name) }),
      greeting: message.event === 'reset-link-shared' ? greetingFor(t, language, undefined) : greetingFor(t, language, message.to),
      login: cleanText(message.to.login),
      origin: { ip: cleanText(message.origin.ip, 64) || t('mail.address_unknown') },
      browser: browser ? t('mail.browser', { browser: browser.browser, os: browser.os }) : t('mail.browser_unknown'),
      forgotUrl: `${publicUrl}/forgot`,
      supportText: institution.supportText ? cleanText(institution.supportText[language] ?? institution.supportText.fr, 1000) : undefined,
    };
    switch (message.event) {
      case 'reset-link':
        return { ...common, link: { login: cleanText(message.link.login), url: message.link.url }, validFor: durationText(t, message.validMinutes), requestedAt: date(new Date()) };
      case 'reset-link-shared':
        return {
          ...common,
          links: message.links.map((link) => ({ login: cleanText(link.login), url: link.url })),
          validFor: durationText(t, message.validMinutes),
          requestedAt: date(new Date()),
        };
      case 'password-changed':
        return { ...common, at: date(message.at), route: t(`mail.route.${message.route}`) };
      case 'identity-lockout':
        return { ...common, at: date(message.at), until: date(message.until) };
    }
  };

  return {
    render(message) {
      const t = translator(message.language);
      const template = templates.get(message.event, message.language);
      const view = viewFor(message, t);
      const subject = cleanText(Mustache.render(template.subject, view, undefined, { escape: noEscape }), 200);
      const text = Mustache.render(template.text, view, undefined, { escape: noEscape });
      const content = Mustache.render(template.html, view, undefined, { escape: escapeHtml });
      const html = Mustache.render(templates.layout, { ...view, subject, content }, undefined, { escape: escapeHtml });
      return { to: cleanText(message.to.mail), subject, text, html, inlineImages: logo.image ? [logo.image] : [] };
    },
  };
};
