/**
 * @module policy/evaluate
 * One call for everything the server and the meter show about a candidate password: the rules,
 * the strength and the violations, with zxcvbn run once.
 */
import type { Violation } from '../errors.ts';
import { isListedPassword } from './common.ts';
import { checkRulesWith, violationsOf } from './rules.ts';
import { analysePassword, warmUpStrength } from './strength.ts';
import type { PasswordPolicy, PolicyContext, RuleResult, Strength } from './types.ts';
import { userInputsOf } from './user-inputs.ts';

export interface Evaluation {
  /** Every active rule with `ok`, in display order. */
  rules: RuleResult[];
  /** The bar: 0–100 and zxcvbn's level; the `too_weak` rule compares `score` with `minStrength`. */
  strength: Strength;
  /** The broken rules, empty when the password is acceptable (to our policy; the directory may still refuse). */
  violations: Violation[];
}

/**
 * Judges a candidate password against the policy, with what is known of the person (login, names,
 * birth date, current password, extra words). Synchronous, pure apart from the estimator built
 * on first use; the breached-password check is separate (it needs the network).
 */
export const evaluatePassword = (password: string, policy: PasswordPolicy, context: PolicyContext = {}): Evaluation => {
  const analysis = analysePassword(password, userInputsOf(context));
  const rules = checkRulesWith(password, policy, context, analysis);
  return { rules, strength: analysis.strength, violations: violationsOf(rules) };
};

/**
 * Builds, now rather than on the first request, what `evaluatePassword` builds once per process:
 * the zxcvbn estimator (0.5–3 s measured here, depending on load) and the folded common-password
 * list (≈ 0.15 s). Call it at server start-up; the meter's worker calls it before saying ready.
 */
export const warmUpPolicy = (): void => {
  warmUpStrength();
  isListedPassword('');
};
