/**
 * @module policy/text-rules
 * The rules judged on the text alone (length, character classes, forbidden characters, current
 * password, personal information, institution words): no dictionary, so the browser meter runs
 * them at the first keystroke, before the estimator has loaded.
 */
import { fold, nameParts } from './fold.ts';
import { loginForms } from './user-inputs.ts';
import type { PasswordPolicy, PolicyContext, RuleCode, RuleResult } from './types.ts';

/**
 * Display order of every rule Passerelle checks itself; the checklist, the help panel and the
 * server's verdict all follow it. `breached` is last and only ever added by the server.
 */
export const RULE_ORDER = [
  'min_length',
  'max_length',
  'lower',
  'upper',
  'digit',
  'special',
  'classes',
  'forbidden_characters',
  'same_as_current',
  'contains_login',
  'contains_name',
  'institution_word',
  'common_password',
  'too_weak',
  'breached',
] as const satisfies readonly RuleCode[];

// Compile-time proof that RULE_ORDER names every RuleCode (the message tests rely on it).
const _everyCode: Exclude<RuleCode, (typeof RULE_ORDER)[number]> extends never ? true : never = true;
void _everyCode;

/** How many code points of each class; « é » counts 1 whether typed composed or not (NFC). */
export interface Composition {
  length: number;
  lower: number;
  upper: number;
  digit: number;
  /** Neither a letter nor a decimal digit: punctuation, symbols, spaces. */
  special: number;
}

const LOWER = /^\p{Ll}$/u;
const UPPER = /^\p{Lu}$/u;
const DIGIT = /^\p{Nd}$/u;
const LETTER = /^\p{L}$/u;

/**
 * Counts by Unicode category: lower \p{Ll}, upper \p{Lu}, digit \p{Nd}, special = neither letter
 * nor digit. Letters that have no case (\p{Lo}: 中, ا) count towards the length only.
 */
export const composition = (password: string): Composition => {
  const counts: Composition = { length: 0, lower: 0, upper: 0, digit: 0, special: 0 };
  for (const character of password.normalize('NFC')) {
    counts.length += 1;
    if (LOWER.test(character)) counts.lower += 1;
    else if (UPPER.test(character)) counts.upper += 1;
    else if (DIGIT.test(character)) counts.digit += 1;
    else if (!LETTER.test(character)) counts.special += 1;
  }
  return counts;
};

/** Folded and without spaces, so that « Jean Pierre », « jean-pierre » and « JeanPierre » meet. */
const compact = (value: string): string => fold(value).replaceAll(' ', '');

const containsAny = (password: string, words: readonly string[]): boolean => {
  const haystack = compact(password);
  return words.some((word) => word.length > 0 && haystack.includes(word));
};

/** The login and its parts (« jean.dupont » → jeandupont, jean, dupont), at least 3 letters each. */
const loginNeedles = (login: string): string[] =>
  [...new Set(loginForms(login).map(compact))].filter((needle) => [...needle].length >= 3);

const nameNeedles = (context: PolicyContext): string[] => [
  ...nameParts(context.firstName ?? ''),
  ...nameParts(context.lastName ?? ''),
  ...(context.otherNames ?? []).flatMap(nameParts),
];

/** The forbidden characters, one code point each, shown separated by spaces. */
const forbiddenSet = (policy: PasswordPolicy): string[] => [...new Set(policy.forbiddenCharacters.normalize('NFC'))];

/**
 * The text rules that the policy activates, in display order. A personal-information rule is
 * active whenever the policy asks for it; it is met when the login or names are unknown.
 * `same_as_current` is active only when the context carries a current password.
 */
export const checkTextRules = (password: string, policy: PasswordPolicy, context: PolicyContext = {}): RuleResult[] => {
  const counts = composition(password);
  const results: RuleResult[] = [
    { code: 'min_length', params: { min: policy.minLength }, ok: counts.length >= policy.minLength },
    { code: 'max_length', params: { max: policy.maxLength }, ok: counts.length <= policy.maxLength },
  ];
  const minimums = [
    ['lower', policy.minLower, counts.lower],
    ['upper', policy.minUpper, counts.upper],
    ['digit', policy.minDigit, counts.digit],
    ['special', policy.minSpecial, counts.special],
  ] as const;
  for (const [code, min, count] of minimums) {
    if (min > 0) results.push({ code, params: { min }, ok: count >= min });
  }
  if (policy.minClasses > 0) {
    const present = [counts.lower, counts.upper, counts.digit, counts.special].filter((count) => count > 0).length;
    results.push({ code: 'classes', params: { min: policy.minClasses, of: 4 }, ok: present >= policy.minClasses });
  }
  const forbidden = forbiddenSet(policy);
  if (forbidden.length > 0) {
    const typed = new Set(password.normalize('NFC'));
    results.push({
      code: 'forbidden_characters',
      params: { characters: forbidden.join(' ') },
      ok: !forbidden.some((character) => typed.has(character)),
    });
  }
  if (policy.mustDifferFromCurrent && context.currentPassword !== undefined) {
    results.push({
      code: 'same_as_current',
      params: {},
      ok: password.normalize('NFC') !== context.currentPassword.normalize('NFC'),
    });
  }
  if (policy.forbidPersonalInfo) {
    results.push({
      code: 'contains_login',
      params: {},
      ok: !containsAny(password, context.login ? loginNeedles(context.login) : []),
    });
    results.push({ code: 'contains_name', params: {}, ok: !containsAny(password, nameNeedles(context)) });
  }
  const words = policy.words.map(compact).filter((word) => word.length > 0);
  if (words.length > 0) {
    results.push({ code: 'institution_word', params: { words: policy.words.join(', ') }, ok: !containsAny(password, words) });
  }
  return results;
};
