/**
 * @module policy/rules
 * The full verdict on a candidate password: the text rules, then the two rules that need the
 * dictionaries (common password, minimum strength). One list, in display order, drives the live
 * checklist, the help panel and the server's refusal.
 */
import { isCommonPassword } from './common.ts';
import { analysePassword, type Analysis } from './strength.ts';
import { checkTextRules } from './text-rules.ts';
import type { PasswordPolicy, PolicyContext, RuleResult } from './types.ts';
import { userInputsOf } from './user-inputs.ts';

/**
 * Every active rule with `ok`, given zxcvbn's analysis of this password (with the person's
 * words). For callers that already ran `analysePassword`; otherwise use `checkRules`.
 */
export const checkRulesWith = (
  password: string,
  policy: PasswordPolicy,
  context: PolicyContext,
  analysis: Analysis,
): RuleResult[] => {
  const results = checkTextRules(password, policy, context);
  if (policy.blockCommon) {
    results.push({ code: 'common_password', params: {}, ok: !isCommonPassword(password, analysis) });
  }
  if (policy.minStrength > 0) {
    results.push({ code: 'too_weak', params: { min: policy.minStrength }, ok: analysis.strength.score >= policy.minStrength });
  }
  return results;
};

/** Every active rule with `ok`, in display order. Never throws, whatever the string. */
export const checkRules = (password: string, policy: PasswordPolicy, context: PolicyContext = {}): RuleResult[] =>
  checkRulesWith(password, policy, context, analysePassword(password, userInputsOf(context)));

export { breachedViolation, violationsOf } from './violations.ts';
