/**
 * @module test/unit/policy/rules
 * Each rule as a person meets it: what counts as a character and as each class, forbidden
 * characters, the current password, personal information, institution words, display order.
 */
import { describe, expect, it } from 'vitest';
import { checkRules, violationsOf } from '../../../src/policy/rules.ts';
import { checkTextRules, composition, RULE_ORDER } from '../../../src/policy/text-rules.ts';
import type { PasswordPolicy, PolicyContext, RuleCode } from '../../../src/policy/types.ts';
import { bareMinimum, defaultPolicy, eloise, policyWith } from './policies.ts';

const verdict = (password: string, policy: PasswordPolicy, context: PolicyContext = {}) =>
  Object.fromEntries(checkTextRules(password, policy, context).map((rule) => [rule.code, rule.ok])) as Partial<Record<RuleCode, boolean>>;

describe('length, in code points after NFC', () => {
  const three = policyWith({ ...bareMinimum, minLength: 3, maxLength: 64 });

  it('counts « é » once whether typed composed or decomposed', () => {
    expect(verdict('ééé', three).min_length).toBe(true);
    expect(verdict('e\u0301e\u0301e\u0301', three).min_length).toBe(true);
    expect(verdict('e\u0301e\u0301', three).min_length).toBe(false);
    expect(composition('e\u0301te\u0301').length).toBe(3);
  });

  it('counts an emoji once, not as its two UTF-16 units', () => {
    expect(verdict('😀😀', three).min_length).toBe(false);
    expect(verdict('😀😀😀', three).min_length).toBe(true);
  });

  it('refuses more than maxLength code points', () => {
    expect(verdict('a'.repeat(64), three).max_length).toBe(true);
    expect(verdict('é'.repeat(65), three).max_length).toBe(false);
  });
});

describe('character classes, by Unicode category', () => {
  it('sorts letters, digits and the rest as a person would', () => {
    expect(composition('aéßω')).toMatchObject({ lower: 4, upper: 0 });
    expect(composition('AÉΩЯ')).toMatchObject({ upper: 4, lower: 0 });
    expect(composition('7٣')).toMatchObject({ digit: 2 });
    expect(composition('! €—😀')).toMatchObject({ special: 5 });
    // A letter without case counts towards the length only.
    expect(composition('中')).toEqual({ length: 1, lower: 0, upper: 0, digit: 0, special: 0 });
  });

  it('checks each minimum with its own count', () => {
    const policy = policyWith({ minLength: 1, minLower: 2, minUpper: 1, minDigit: 2, minSpecial: 1 });
    expect(verdict('ab', policy)).toMatchObject({ lower: true, upper: false, digit: false, special: false });
    expect(verdict('aB12 ', policy)).toMatchObject({ lower: false, upper: true, digit: true, special: true });
    const params = checkTextRules('', policy).find((rule) => rule.code === 'digit')?.params;
    expect(params).toEqual({ min: 2 });
  });

  it('counts a space as a special character', () => {
    expect(verdict('Correct cheval pile agrafe', policyWith({ minLength: 1, minDigit: 0 })).special).toBe(true);
  });

  it('asks for N of the 4 classes when minClasses is set', () => {
    const policy = policyWith({ ...bareMinimum, minClasses: 3 });
    expect(verdict('abcDEF', policy).classes).toBe(false);
    expect(verdict('abcDEF1', policy).classes).toBe(true);
    expect(verdict('abc 12', policy).classes).toBe(true);
    expect(checkTextRules('', policy).find((rule) => rule.code === 'classes')?.params).toEqual({ min: 3, of: 4 });
  });

  it('leaves out the minimums set to 0', () => {
    const codes = checkTextRules('x', bareMinimum).map((rule) => rule.code);
    expect(codes).toEqual(['min_length', 'max_length']);
  });
});

describe('forbidden characters', () => {
  const policy = policyWith({ ...bareMinimum, forbiddenCharacters: '";\'' });

  it('refuses any of them and lists them, separated by spaces', () => {
    expect(verdict('abc;def', policy).forbidden_characters).toBe(false);
    expect(verdict('abc:def', policy).forbidden_characters).toBe(true);
    expect(checkTextRules('', policy).find((rule) => rule.code === 'forbidden_characters')?.params).toEqual({ characters: '" ; \'' });
  });

  it('compares after NFC, so a decomposed « é » is caught by a forbidden « é »', () => {
    expect(verdict('caf\u0065\u0301', policyWith({ ...bareMinimum, forbiddenCharacters: 'é' })).forbidden_characters).toBe(false);
  });
});

describe('must differ from the current password', () => {
  it('applies only when the current password is given', () => {
    expect(verdict('Ancien-Mot-2023!', defaultPolicy).same_as_current).toBeUndefined();
    expect(verdict('Ancien-Mot-2023!', defaultPolicy, { currentPassword: 'Ancien-Mot-2023!' }).same_as_current).toBe(false);
    expect(verdict('Nouveau-Mot-2024!', defaultPolicy, { currentPassword: 'Ancien-Mot-2023!' }).same_as_current).toBe(true);
  });

  it('sees the same password typed with a decomposed accent', () => {
    expect(verdict('Été-2023-soleil!', defaultPolicy, { currentPassword: 'E\u0301te\u0301-2023-soleil!' }).same_as_current).toBe(false);
  });

  it('is off when the policy says so', () => {
    expect(verdict('a', policyWith({ mustDifferFromCurrent: false }), { currentPassword: 'a' }).same_as_current).toBeUndefined();
  });
});

describe('personal information', () => {
  it('refuses the login whatever the case or accents, and its parts', () => {
    expect(verdict('2024-ELEFEVRE!', defaultPolicy, { login: 'elefevre' }).contains_login).toBe(false);
    expect(verdict('2024-Élefèvre!', defaultPolicy, { login: 'elefevre' }).contains_login).toBe(false);
    expect(verdict('Dupont-2024!x', defaultPolicy, { login: 'jean.dupont' }).contains_login).toBe(false);
    expect(verdict('Orage-2024!x', defaultPolicy, { login: 'jean.dupont' }).contains_login).toBe(true);
  });

  it('ignores a login too short to mean anything', () => {
    expect(verdict('Lilas-2024!x', defaultPolicy, { login: 'li' }).contains_login).toBe(true);
  });

  it('refuses each part of a compound name, folded', () => {
    for (const password of ['Eloise-2024!x', 'xLEFEVRE2024!', 'dupont-Paris-9', 'Lefèvre#2024x', 'lefevre-dupont']) {
      expect(verdict(password, defaultPolicy, eloise).contains_name, password).toBe(false);
    }
    expect(verdict('Dupond-Paris-9', defaultPolicy, eloise).contains_name).toBe(true);
  });

  it('refuses « Jean Pierre » written without its space or hyphen', () => {
    expect(verdict('JeanPierre2024!', defaultPolicy, { firstName: 'Jean-Pierre' }).contains_name).toBe(false);
  });

  it('refuses the other values of the name attributes too (a birth name beside the name in use)', () => {
    const anne = { firstName: 'Anne', lastName: 'Martin', otherNames: ['Le Bihan'] };
    expect(verdict('Bihan-Paris-2024!', defaultPolicy, anne).contains_name).toBe(false);
    expect(verdict('Martin-Paris-2024!', defaultPolicy, anne).contains_name).toBe(false);
    expect(verdict('Rocher-Paris-2024!', defaultPolicy, anne).contains_name).toBe(true);
  });

  it('ignores short parts and bare particles', () => {
    expect(verdict('Wonder-Leo-2024!', defaultPolicy, { firstName: 'Bo', lastName: 'van der Berg' }).contains_name).toBe(true);
    expect(verdict('Berg-2024-rocher!', defaultPolicy, { lastName: 'van der Berg' }).contains_name).toBe(false);
    expect(verdict('Artagnan-2024!', defaultPolicy, { lastName: "D'Artagnan" }).contains_name).toBe(false);
  });

  it('is met when the person is unknown, and absent when the policy turns it off', () => {
    expect(verdict('Eloise-2024!x', defaultPolicy)).toMatchObject({ contains_login: true, contains_name: true });
    const off = verdict('Eloise-2024!x', policyWith({ forbidPersonalInfo: false }), eloise);
    expect(off.contains_login).toBeUndefined();
    expect(off.contains_name).toBeUndefined();
  });
});

describe('institution words', () => {
  const policy = policyWith({ words: ['Sorbonne', 'Université Paris'] });

  it('refuses them folded, as substrings, whatever the separators', () => {
    for (const password of ['sorbonne2024!A', 'xxSÔRBONNExx', 'UniversiteParis#1', 'université-paris-1A!']) {
      expect(verdict(password, policy).institution_word, password).toBe(false);
    }
    expect(verdict('Paris-Orage-2024!', policy).institution_word).toBe(true);
  });

  it('lists the words in the rule, and is absent without words', () => {
    expect(checkTextRules('', policy).find((rule) => rule.code === 'institution_word')?.params).toEqual({ words: 'Sorbonne, Université Paris' });
    expect(verdict('sorbonne', defaultPolicy).institution_word).toBeUndefined();
  });
});

describe('the full list', { timeout: 30_000 }, () => {
  it('follows the display order and ends with the dictionary rules', () => {
    const policy = policyWith({ minClasses: 3, forbiddenCharacters: ';', minStrength: 40, words: ['Sorbonne'] });
    const codes = checkRules('x', policy, { currentPassword: 'y' }).map((rule) => rule.code);
    expect(codes).toEqual(RULE_ORDER.filter((code) => code !== 'breached'));
  });

  it('turns the broken rules into policy violations with the policy’s params only', () => {
    const violations = violationsOf(checkRules('azerty', defaultPolicy, eloise));
    expect(violations).toContainEqual({ code: 'min_length', params: { min: 12 }, source: 'policy' });
    expect(violations.map((violation) => violation.code)).toEqual(['min_length', 'upper', 'digit', 'special', 'common_password']);
    expect(violations.every((violation) => violation.source === 'policy')).toBe(true);
  });
});
