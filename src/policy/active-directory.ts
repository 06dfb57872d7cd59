/**
 * @module policy/active-directory
 * Active Directory's own password rules, checked the way Windows checks them, before anything is
 * written ("check before committing": the change flow before the primary write, the sync engine
 * before accepting a password for an AD target). Pure: no Node imports, also bundled for the browser.
 *
 * Windows' "Password must meet complexity requirements" (Microsoft's documentation of the policy):
 * - at least three of five categories: upper-case letters (European, with diacritics, Greek,
 *   Cyrillic), lower-case letters, the digits 0–9, the non-alphanumeric characters
 *   ~!@#$%^&*_-+=`|\(){}[]:;"'<>,.?/ (currency signs such as € or £ do not count), and other
 *   letters that have no case (e.g. Asian scripts);
 * - not the account name (sAMAccountName) anywhere in it, case-insensitively, when it has 3+
 *   characters;
 * - none of the display name's tokens of 3+ characters (split on , . - _ # space and tab).
 * Samba 4.17 checks the categories only, and counts any non-ASCII character without case (€, emoji)
 * as a fifth-category character (measured): this check is the stricter, Windows one.
 * Length is counted in UTF-16 code units, as both count it (minPwdLength).
 */

/** The domain's (or a fine-grained policy's) rules that can be checked without the history. */
export interface AdPasswordRules {
  /** minPwdLength / msDS-MinimumPasswordLength; 0 = none. */
  minLength: number;
  /** pwdProperties bit DOMAIN_PASSWORD_COMPLEX / msDS-PasswordComplexityEnabled. */
  complexity: boolean;
}

/** What AD compares the password with when complexity is on. */
export interface AdAccountNames {
  /** sAMAccountName */
  accountName?: string | undefined;
  /** displayName */
  displayName?: string | undefined;
}

/** Same shape as the errors module's Violation (this module imports nothing of Passerelle's). */
export interface AdViolation {
  code: 'directory_too_short' | 'directory_complexity' | 'directory_contains_login' | 'directory_contains_name';
  params?: Record<string, number>;
  source: 'directory';
}

/** The five categories of Windows' complexity rule. */
export type AdCategory = 'upper' | 'lower' | 'digit' | 'special' | 'other_letter';

const SPECIALS = new Set('~!@#$%^&*_-+=`|\\(){}[]:;"\'<>,.?/');
const DISPLAY_NAME_DELIMITERS = /[,.\-_# \t]+/;
/** Windows skips account names and display-name tokens shorter than this. */
const MIN_NAME_LENGTH = 3;

const categoryOf = (character: string): AdCategory | undefined => {
  if (character >= '0' && character <= '9') return 'digit';
  if (SPECIALS.has(character)) return 'special';
  if (/\p{Lu}/u.test(character)) return 'upper';
  if (/\p{Ll}/u.test(character)) return 'lower';
  if (/\p{L}/u.test(character)) return 'other_letter';
  return undefined;
};

/** The complexity categories present in `password`. */
export const adCategories = (password: string): Set<AdCategory> => {
  const found = new Set<AdCategory>();
  for (const character of password) {
    const category = categoryOf(character);
    if (category) found.add(category);
  }
  return found;
};

/** Display-name tokens Windows looks for: "Lefèvre-Dupont, Éloïse" → ["Lefèvre", "Dupont", "Éloïse"]. */
export const displayNameTokens = (displayName: string): string[] =>
  displayName.split(DISPLAY_NAME_DELIMITERS).filter((token) => token.length >= MIN_NAME_LENGTH);

const contains = (haystack: string, needle: string) => haystack.toLowerCase().includes(needle.toLowerCase());

/**
 * Checks `password` against AD's rules the way a Windows domain controller does, and returns every
 * rule it breaks (empty when AD would accept it, history and minimum age aside: those need the
 * server). Violations carry `source: 'directory'`, like the ones decoded from AD's refusals.
 * @example checkAdPassword('jdupont-2026', { minLength: 7, complexity: true }, { accountName: 'jdupont' })
 *   // → [{ code: 'directory_complexity', … }, { code: 'directory_contains_login', … }]
 */
export const checkAdPassword = (password: string, rules: AdPasswordRules, names: AdAccountNames = {}): AdViolation[] => {
  const violations: AdViolation[] = [];
  if (password.length < rules.minLength) violations.push({ code: 'directory_too_short', params: { min: rules.minLength }, source: 'directory' });
  if (!rules.complexity) return violations;
  if (adCategories(password).size < 3) violations.push({ code: 'directory_complexity', params: { categories: 3 }, source: 'directory' });
  const account = names.accountName ?? '';
  if (account.length >= MIN_NAME_LENGTH && contains(password, account)) {
    violations.push({ code: 'directory_contains_login', source: 'directory' });
  }
  if (names.displayName && displayNameTokens(names.displayName).some((token) => contains(password, token))) {
    violations.push({ code: 'directory_contains_name', source: 'directory' });
  }
  return violations;
};
