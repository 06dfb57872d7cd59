/**
 * @module i18n/define
 * Message catalogues: French is the source, English must have exactly the same keys (the type
 * checker refuses a missing or extra one). Placeholders are written `{name}`.
 */

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Catalogue<K extends string> {
  fr: Record<K, string>;
  en: Record<K, string>;
}

/** Declares a catalogue; `en` is checked against the keys of `fr`. */
export const defineMessages = <const T extends Record<string, string>>(
  fr: T,
  en: { [K in keyof T]: string },
): Catalogue<Extract<keyof T, string>> => ({ fr, en }) as Catalogue<Extract<keyof T, string>>;

export type Params = Record<string, string | number>;

/** Fills `{name}` placeholders; a missing parameter stays visible rather than vanishing. */
export const format = (template: string, params?: Params): string =>
  params ? template.replace(/\{(\w+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all)) : template;

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
