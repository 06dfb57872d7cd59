/**
 * @module policy/describe
 * The configured policy in words: the checklist items (one per active rule, the list the server
 * renders and the meter ticks) and the sentences of the « Complexité du mot de passe » panel.
 * Pure: it returns message keys and parameters; the caller's translator does the rest.
 */
import type { policyMessages } from '../i18n/messages/policy.ts';
import { checkTextRules } from './text-rules.ts';
import type { PasswordPolicy, RuleCode, RuleResult } from './types.ts';

/** A key of the policy catalogue (src/i18n/messages/policy.ts). */
export type PolicyMessageKey = keyof (typeof policyMessages)['fr'];
export type MessageParams = Record<string, string | number>;
/** What the caller passes to get text: `(key, params) => translate(language, key, params)`. */
export type PolicyTranslate = (key: PolicyMessageKey, params?: MessageParams) => string;

/** A message to show: translate with `t(key, params)`. */
export interface PolicyMessage {
  key: PolicyMessageKey;
  params: MessageParams;
}

/** One checklist line: `<li data-rule="{code}">{t(key, params)}</li>`. */
export interface ChecklistItem extends PolicyMessage {
  code: RuleCode;
}

/** Codes whose label has a singular form, `rule.<code>.one`, used when the minimum is 1. */
const SINGULAR: ReadonlySet<RuleCode> = new Set(['min_length', 'lower', 'upper', 'digit', 'special', 'classes']);

/** The checklist label of one rule result: « Une lettre minuscule », « Au moins 2 chiffres ». */
export const ruleLabel = (result: Pick<RuleResult, 'code' | 'params'>): PolicyMessage => {
  const one = SINGULAR.has(result.code) && result.params.min === 1;
  return { key: (one ? `rule.${result.code}.one` : `rule.${result.code}`) as PolicyMessageKey, params: result.params };
};

export interface ChecklistOptions {
  /** The page asks for the current password (change page): adds « Différent du mot de passe actuel ». */
  currentPassword?: boolean;
}

/**
 * Every rule the policy activates, in display order, as checklist lines: what the server renders
 * as a plain list (readable without JavaScript) and what the meter ticks. The breached-password
 * check is not listed: it runs on the server at submission, never as the person types.
 */
export const policyChecklist = (policy: PasswordPolicy, options: ChecklistOptions = {}): ChecklistItem[] => {
  // The text rules of an empty password are exactly the active ones, with the policy's params.
  const results: Pick<RuleResult, 'code' | 'params'>[] = checkTextRules('', policy, options.currentPassword ? { currentPassword: '' } : {});
  if (policy.blockCommon) results.push({ code: 'common_password', params: {} });
  if (policy.minStrength > 0) results.push({ code: 'too_weak', params: { min: policy.minStrength } });
  return results.map((result) => ({ code: result.code, ...ruleLabel(result) }));
};

const part = (name: 'characters' | 'lower' | 'upper' | 'digit' | 'special', min: number): PolicyMessage => ({
  key: (min === 1 ? `policy.part.${name}.one` : `policy.part.${name}`) as PolicyMessageKey,
  params: { min },
});

/** « a, b et c » / « a, b and c », with the catalogue's separators. */
const listOf = (t: PolicyTranslate, items: readonly string[]): string => {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(t('policy.list.separator'))}${t('policy.list.last')}${items.at(-1) ?? ''}`;
};

/**
 * The panel's sentences for this policy, in reading order. Each is a key with its parameters;
 * lists inside a sentence (« dont au moins une lettre majuscule, un chiffre et un caractère
 * spécial ») are assembled with `t`, so pass the page's translator and render each sentence with
 * the same `t(key, params)`.
 */
export const policySentences = (policy: PasswordPolicy, t: PolicyTranslate, options: ChecklistOptions = {}): PolicyMessage[] => {
  const sentences: PolicyMessage[] = [];
  const say = (key: PolicyMessageKey, params: MessageParams = {}) => void sentences.push({ key, params });

  const length = part('characters', policy.minLength);
  const requirements = (['lower', 'upper', 'digit', 'special'] as const)
    .map((name) => [name, { lower: policy.minLower, upper: policy.minUpper, digit: policy.minDigit, special: policy.minSpecial }[name]] as const)
    .filter(([, min]) => min > 0)
    .map(([name, min]) => part(name, min));
  const lengthText = t(length.key, length.params);
  if (requirements.length === 0) say('policy.length', { length: lengthText });
  else say('policy.length_with', { length: lengthText, requirements: listOf(t, requirements.map((r) => t(r.key, r.params))) });

  if (policy.minClasses >= 4) say('policy.classes.all');
  else if (policy.minClasses > 0) say('policy.classes', { min: policy.minClasses });
  if (policy.minSpecial > 0 || policy.minClasses > 0) say('policy.special');
  if (policy.minLower > 0 || policy.minUpper > 0 || policy.minClasses > 0) say('policy.accents');
  say('policy.max_length', { max: policy.maxLength });

  const forbidden = [...new Set(policy.forbiddenCharacters.normalize('NFC'))];
  if (forbidden.length > 0) say('policy.forbidden_characters', { characters: forbidden.join(' ') });
  // Only where the page asks for the current password: a reset has none to differ from.
  if (policy.mustDifferFromCurrent && options.currentPassword) say('policy.same_as_current');
  if (policy.forbidPersonalInfo) say('policy.personal_info');
  if (policy.words.length > 0) say('policy.institution_word', { words: policy.words.join(', ') });
  if (policy.blockCommon) say('policy.common_password');
  if (policy.minStrength > 0) say('policy.too_weak', { min: policy.minStrength });
  if (policy.breached?.enabled) say('policy.breached');
  say('policy.tip');
  return sentences;
};
