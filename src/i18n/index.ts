/**
 * @module i18n
 * All message catalogues merged, and `translate`. Add a catalogue by importing it into
 * `catalogues` below; its keys join `MessageKey`.
 */
import { format, type Language, type Params } from './define.ts';
import { activeDirectoryMessages } from './messages/active-directory.ts';
import { adminMessages } from './messages/admin.ts';
import { adminHistoryMessages } from './messages/admin-history.ts';
import { captchaMessages } from './messages/captcha.ts';
import { commonMessages } from './messages/common.ts';
import { directoryMessages } from './messages/directory.ts';
import { errorMessages } from './messages/errors.ts';
import { mailMessages } from './messages/mail.ts';
import { policyMessages } from './messages/policy.ts';
import { resetMessages } from './messages/reset.ts';
import { syncMessages } from './messages/sync.ts';

const catalogues = [commonMessages, errorMessages, policyMessages, captchaMessages, directoryMessages, resetMessages, mailMessages, activeDirectoryMessages, syncMessages, adminMessages, adminHistoryMessages] as const;

type KeysOf<C> = C extends { fr: Record<infer K, string> } ? K : never;
export type MessageKey = KeysOf<(typeof catalogues)[number]>;

const merged: Record<Language, Record<string, string>> = { fr: {}, en: {} };
for (const catalogue of catalogues) {
  Object.assign(merged.fr, catalogue.fr);
  Object.assign(merged.en, catalogue.en);
}

/** Translates a key; unknown keys (e.g. a violation code from a newer target) fall back to French then to the key. */
export const translate = (language: Language, key: MessageKey | string, params?: Params): string =>
  format(merged[language][key] ?? merged.fr[key] ?? key, params);

export const hasMessage = (key: string): boolean => key in merged.fr;

export type Translator = (key: MessageKey, params?: Params) => string;
export const translator = (language: Language): Translator => (key, params) => translate(language, key, params);

export { LANGUAGES, isLanguage, type Language, type Params } from './define.ts';
