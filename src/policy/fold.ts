/**
 * @module policy/fold
 * Folding for comparisons people expect to be loose: « Éloïse Lefèvre-Dupont » and
 * « eloise lefevre dupont » are the same person, « LEFEVRE » is in « 2024lefèvre! ».
 */

/** Combining marks left by NFD (accents, cedillas, diaereses…). */
const MARKS = /\p{M}+/gu;
/**
 * Hyphens and dashes (\p{Pd}), apostrophes as people type them (straight, curly, modifier, grave,
 * acute) and any run of white space become one space: « Lefèvre-Dupont », « Lefèvre – Dupont » and
 * « Lefèvre  Dupont » fold alike, and « D'Artagnan » splits into « d » and « artagnan ».
 */
const SEPARATORS = /[\p{Pd}'‘’ʼ`´′\s]+/gu;
/** Letters NFD leaves whole but people spell out: « Lœtitia » is typed « Loetitia ». */
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' };

/**
 * Case- and accent-insensitive form of a name, a login or a word: lower-case, NFD without the
 * combining marks, œ/æ/ß spelt out, hyphens, apostrophes and white space as one space, trimmed.
 * Idempotent. Not for logins used as LDAP keys: folding accents could reach another account.
 */
export const fold = (value: string): string =>
  // Lower-case first: a few capitals only decompose once lower-cased (İ → i + dot above).
  value
    .toLowerCase()
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(/[œæß]/g, (letter) => LIGATURES[letter] ?? letter)
    .replace(SEPARATORS, ' ')
    .trim();

/**
 * Particles that are part of a name but not a name on their own (« van der Berg », « de la
 * Fontaine »): refusing every password that contains « der » or « des » would refuse « wonder ».
 */
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'des', 'del', 'della', 'dos', 'das', 'los', 'las', 'les', 'ter', 'ten', 'zur']);

/** Parts shorter than this are ignored: « Li » or « Ba » would forbid too many passwords. */
export const MIN_NAME_PART = 3;

/**
 * The folded parts of a name worth looking for in a password: « Lefèvre-Dupont » → lefevre,
 * dupont; « D'Artagnan » → artagnan; parts of fewer than 3 letters and bare particles are dropped.
 */
export const nameParts = (name: string): string[] => {
  const parts = fold(name)
    .split(' ')
    .filter((part) => [...part].length >= MIN_NAME_PART && !PARTICLES.has(part));
  return [...new Set(parts)];
};
