/**
 * @module policy/verdict
 * The server's verdict on a candidate password from the text rules and a dictionary verdict
 * computed elsewhere (a worker thread): the same rule list as `checkRules`, without running zxcvbn
 * on the caller's thread.
 */
import type { Violation } from '../errors.ts';
import { violationsOf } from './violations.ts';
import { checkTextRules } from './text-rules.ts';
import type { PasswordPolicy, PolicyContext, RuleResult, Strength } from './types.ts';

export interface DictionaryFindings {
  strength: Strength;
  common: boolean;
}

export interface Verdict {
  rules: RuleResult[];
  strength: Strength;
  violations: Violation[];
}

/** Every active rule with `ok`, in display order, as `checkRulesWith` would list them. */
export const verdictOf = (password: string, policy: PasswordPolicy, context: PolicyContext, findings: DictionaryFindings): Verdict => {
  const rules = checkTextRules(password, policy, context);
  if (policy.blockCommon) rules.push({ code: 'common_password', params: {}, ok: !findings.common });
  if (policy.minStrength > 0) {
    rules.push({ code: 'too_weak', params: { min: policy.minStrength }, ok: findings.strength.score >= policy.minStrength });
  }
  return { rules, strength: findings.strength, violations: violationsOf(rules) };
};
