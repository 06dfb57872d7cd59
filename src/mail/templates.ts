/**
 * @module mail/templates
 * Reads the mail templates of templates/mail once, at start-up, so that a missing or broken file
 * stops the process instead of a mail: `<event>.<lang>.txt` (first line `Subject: …`, a blank
 * line, then the plain-text body), `<event>.<lang>.html` (the HTML body) and `layout.html` (the
 * frame every HTML body goes into, as `{{{content}}}`). Mustache: logic-less, `{{x}}` is
 * HTML-escaped, so a name from the directory cannot inject markup.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Mustache from 'mustache';
import type { Language } from '../i18n/index.ts';
import type { MailEvent } from '../ports/mail-outbox.ts';

export const MAIL_EVENTS: readonly MailEvent[] = ['reset-link', 'reset-link-shared', 'password-changed', 'identity-lockout'];
const LANGUAGES: readonly Language[] = ['fr', 'en'];

export interface MailTemplate {
  subject: string;
  text: string;
  html: string;
}

export interface MailTemplates {
  layout: string;
  get(event: MailEvent, language: Language): MailTemplate;
}

export class MailTemplateError extends Error {
  override name = 'MailTemplateError';
}

const splitSubject = (file: string, source: string): { subject: string; text: string } => {
  const match = /^Subject:[ \t]*(.+)\r?\n\r?\n/.exec(source);
  if (!match) throw new MailTemplateError(`${file}: the first line must be "Subject: …", followed by a blank line`);
  return { subject: match[1]!.trim(), text: source.slice(match[0].length) };
};

const read = (dir: string, name: string): string => {
  const file = join(dir, name);
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    throw new MailTemplateError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    Mustache.parse(source);
  } catch (error) {
    throw new MailTemplateError(`${file}: ${(error as Error).message}`);
  }
  return source;
};

/** Loads every template of every event and language from `dir`; throws MailTemplateError naming the file. */
export const loadMailTemplates = (dir: string): MailTemplates => {
  const layout = read(dir, 'layout.html');
  const all = new Map<string, MailTemplate>();
  for (const event of MAIL_EVENTS) {
    for (const language of LANGUAGES) {
      const textFile = `${event}.${language}.txt`;
      const { subject, text } = splitSubject(join(dir, textFile), read(dir, textFile));
      all.set(`${event}.${language}`, { subject, text, html: read(dir, `${event}.${language}.html`) });
    }
  }
  return {
    layout,
    get: (event, language) => all.get(`${event}.${language}`)!,
  };
};
