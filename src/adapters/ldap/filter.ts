/**
 * @module adapters/ldap/filter
 * RFC 4515 escaping of values put into LDAP search filters, and small builders on top of it.
 * Every value a person typed goes through `escapeFilterValue`: `*)(uid=*` must find nobody.
 */

/**
 * Escapes a value for an LDAP filter assertion (RFC 4515 §3): `\`, `*`, `(`, `)` and NUL become
 * `\5c`, `\2a`, `\28`, `\29`, `\00`. Other characters, accented ones included, stay as UTF-8.
 * @example escapeFilterValue('*)(uid=*') === '\\2a\\29\\28uid=\\2a'
 */
export const escapeFilterValue = (value: string): string =>
  value.replace(/[\\*()\0]/g, (character) => `\\${character.charCodeAt(0).toString(16).padStart(2, '0')}`);

/** `(attribute=value)` with the value escaped. The attribute name comes from config, never from input. */
export const equalityFilter = (attribute: string, value: string): string => `(${attribute}=${escapeFilterValue(value)})`;

/** `(&f1f2…)`, or the single filter alone; filters must already be complete and escaped. */
export const andFilter = (...filters: string[]): string => (filters.length === 1 ? filters[0]! : `(&${filters.join('')})`);

/** `(|f1f2…)`, or the single filter alone. */
export const orFilter = (...filters: string[]): string => (filters.length === 1 ? filters[0]! : `(|${filters.join('')})`);
