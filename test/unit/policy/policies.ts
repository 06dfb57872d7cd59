/**
 * @module test/unit/policy/policies
 * Policies the policy tests share: the shipped default, and variants built from it.
 */
import type { PasswordPolicy } from '../../../src/policy/types.ts';

/** The config's defaults (src/config/policy.ts), with no institution words. */
export const defaultPolicy: PasswordPolicy = {
  minLength: 12,
  maxLength: 128,
  minLower: 1,
  minUpper: 1,
  minDigit: 1,
  minSpecial: 1,
  minClasses: 0,
  forbiddenCharacters: '',
  mustDifferFromCurrent: true,
  forbidPersonalInfo: true,
  minStrength: 0,
  blockCommon: true,
  words: [],
};

export const policyWith = (changes: Partial<PasswordPolicy>): PasswordPolicy => ({ ...defaultPolicy, ...changes });

/** Only length rules: what is left when every optional rule is off. */
export const bareMinimum = policyWith({
  minLength: 1,
  minLower: 0,
  minUpper: 0,
  minDigit: 0,
  minSpecial: 0,
  mustDifferFromCurrent: false,
  forbidPersonalInfo: false,
  blockCommon: false,
});

/** Éloïse Lefèvre-Dupont, born 12 March 1984, login elefevre. */
export const eloise = { login: 'elefevre', firstName: 'Éloïse', lastName: 'Lefèvre-Dupont', birthDate: '1984-03-12' };
