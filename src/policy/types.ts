/**
 * @module policy/types
 * Types of the pure password policy. Nothing here imports Node or the rest of Passerelle: the same
 * code runs on the server and, bundled, in the browser.
 */

export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  minLower: number;
  minUpper: number;
  minDigit: number;
  minSpecial: number;
  minClasses: number;
  forbiddenCharacters: string;
  mustDifferFromCurrent: boolean;
  forbidPersonalInfo: boolean;
  minStrength: number;
  blockCommon: boolean;
  /** The institution's own words (its name, city…), refused case- and accent-insensitively. */
  words: string[];
  /**
   * Whether the server also asks Have I Been Pwned (config `policy.breached`). Only the help panel
   * reads it: the check itself runs on the server, after the rules, never while the person types.
   */
  breached?: { enabled: boolean } | undefined;
}

/** What the person typed and what we know of them, to check a candidate password. */
export interface PolicyContext {
  login?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  /** The name attributes' other values (a birth name beside the name in use): refused like the names. */
  otherNames?: readonly string[] | undefined;
  /** ISO date (YYYY-MM-DD) when known; only feeds the strength estimate. */
  birthDate?: string | undefined;
  currentPassword?: string | undefined;
  /** Other personal words for the estimate only (mail, what the page knows); no rule refuses them. */
  userInputs?: readonly string[] | undefined;
}

/**
 * Codes of the rules, stable for integrators. The ones starting with `directory_` or `target_`
 * come from the server that refused the password, not from our own check.
 */
export type RuleCode =
  | 'min_length'
  | 'max_length'
  | 'lower'
  | 'upper'
  | 'digit'
  | 'special'
  | 'classes'
  | 'forbidden_characters'
  | 'same_as_current'
  | 'contains_login'
  | 'contains_name'
  | 'too_weak'
  | 'common_password'
  | 'institution_word'
  | 'breached';

/**
 * One active rule and whether the candidate meets it. `params` come from the policy only (never from
 * the password), so a result can be logged, shown and sent as a violation.
 */
export interface RuleResult {
  code: RuleCode;
  params: Record<string, string | number>;
  ok: boolean;
}

export type StrengthLevel = 0 | 1 | 2 | 3 | 4;

export interface Strength {
  /** 0..100, what the bar shows (an integer; see strength.ts for how it follows zxcvbn's guesses). */
  score: number;
  /** zxcvbn's 0..4, which picks the label (Très faible … Très fort) and the colour. */
  level: StrengthLevel;
}
