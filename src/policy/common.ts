/**
 * @module policy/common
 * The common-password rule: the passwords everybody tries first (language-common's list of about
 * 49,000, e.g. « motdepasse », « azerty », « soleil »), also when dressed up the usual way.
 *
 * A candidate is common when:
 *  1. folded (case, accents), it is in the list: « AZERTY », « Motdepasse »;
 *  2. zxcvbn explains the whole of it as one entry of that list, l33t or reversed included:
 *     « P@ssw0rd », « drowssap »;
 *  3. it starts with a listed password of at least 4 characters and goes on with digits, symbols
 *     or spaces only (« Motdepasse2024! », « Soleil123! », « M0td3p@ss3!2024 »), unless zxcvbn
 *     rates the whole password "Très fort" (level 4, ≥ 10¹⁰ guesses). Decided so because such
 *     tails are what attackers append first (years, « 123 », « ! »), while a tail random enough to
 *     make the whole unguessable should not be refused for its first word. The listed start is
 *     recognised folded, or by zxcvbn's own `passwords` match at the start (which sees l33t).
 */
import { fold } from './fold.ts';
import { commonPasswordList } from './dictionaries.ts';
import type { Analysis } from './strength.ts';

let folded: Set<string> | undefined;

/** The list, folded once on first use. */
const commonPasswords = (): Set<string> => (folded ??= new Set(commonPasswordList().map((word) => fold(String(word)))));

/** Anything but letters (and their marks): digits, symbols, spaces. */
const NO_LETTER = /^[^\p{L}\p{M}]*$/u;
/** Shorter listed prefixes (« abc », « 123 ») would make rule 3 refuse too much. */
const MIN_PREFIX = 4;
/** Longer than any listed password, so the prefix scan stays short on a 10 kB input. */
const MAX_PREFIX = 32;

/** Whether the password is in the list once folded. */
export const isListedPassword = (password: string): boolean => commonPasswords().has(fold(password));

type Match = Analysis['matches'][number];
const isListedMatch = (match: Match): boolean => match.pattern === 'dictionary' && match.dictionaryName === 'passwords';

/**
 * The common-password verdict (rules 1–3 above). `analysis` is zxcvbn's for this same password,
 * from `analysePassword`.
 */
export const isCommonPassword = (password: string, analysis: Analysis): boolean => {
  const candidate = password.normalize('NFC');
  if (candidate.length === 0) return false;
  if (isListedPassword(candidate)) return true;

  const [first, ...others] = analysis.matches;
  if (first && others.length === 0 && isListedMatch(first) && first.i === 0 && first.j === candidate.length - 1) return true;

  if (analysis.strength.level >= 4) return false;
  // Rule 3: a listed prefix of at least 4 characters followed by no letter at all. `end` is a
  // UTF-16 offset, as zxcvbn's are; a split inside a surrogate pair just fails both tests.
  const dressedUp = (end: number) => [...candidate.slice(0, end)].length >= MIN_PREFIX && NO_LETTER.test(candidate.slice(end));
  for (let end = Math.min(candidate.length - 1, MAX_PREFIX); end >= MIN_PREFIX; end -= 1) {
    if (dressedUp(end) && isListedPassword(candidate.slice(0, end))) return true;
  }
  return analysis.matches.some((match) => isListedMatch(match) && match.i === 0 && dressedUp(match.j + 1));
};
