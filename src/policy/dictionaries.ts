/**
 * @module policy/dictionaries
 * The word lists behind the strength estimate and the common-password rule: @zxcvbn-ts's common,
 * English and French packages, merged into four named dictionaries.
 *
 * Why merge: zxcvbn-ts 4.2 looks every substring of the password up in every dictionary, once per
 * l33t reading, so its cost grows with the number of dictionary *names*. The three packages bring
 * 41 of them (28 are tiny "word sequence" lists such as months or planets). Measured here on a
 * 20-character password: 68 ms CPU median (574 ms worst) with the 41 lists, about 1.5–2.5 ms
 * with the four below; on 20 sample passwords the zxcvbn level changed for one (« Marseille13013 »,
 * 2 → 3, 10^7.8 → 10^8.1 guesses). Left out on purpose: the word-sequence lists (their words are
 * in the common-word lists; only zxcvbn's bonus for « lundimardimercredi » is lost), one-letter
 * words (a lone letter costs zxcvbn 10 guesses as brute force anyway) and words over 16 letters
 * (they widen every substring scan and are rare in passwords).
 */
import { adjacencyGraphs, dictionary as common } from '@zxcvbn-ts/language-common';
import { dictionary as en } from '@zxcvbn-ts/language-en';
import { dictionary as fr } from '@zxcvbn-ts/language-fr';

type WordList = readonly (string | number)[];

/**
 * Interleaves ranked lists (1st of each, then 2nd of each…), keeping a word's first place.
 * A word's rank becomes about k × its rank in its own list (k lists), i.e. zxcvbn counts it at most
 * k times more guesses (+0.6 on log10 for the four word lists): a small, accepted loss of severity.
 */
export const interleave = (...lists: WordList[]): string[] => {
  const seen = new Set<string>();
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let rank = 0; rank < longest; rank += 1) {
    for (const list of lists) {
      const word = list[rank];
      if (word !== undefined) seen.add(String(word).toLowerCase());
    }
  }
  return [...seen];
};

/** Words zxcvbn is given: 2 to 16 characters (see the module comment). */
const usable = (words: string[]): string[] => words.filter((word) => word.length >= 2 && word.length <= 16);

/**
 * The dictionaries handed to zxcvbn. The names matter to zxcvbn: `passwords` is what the
 * common-password rule looks for in its matches, and `diceware` gets zxcvbn's flat per-word score
 * (6⁵/2 guesses) instead of a rank, which is right for a list that is alphabetical, not by use.
 * Built once per process (about 0.2 s), by the estimator.
 */
export const buildDictionaries = (): Record<string, string[]> => ({
  passwords: usable(interleave(common['passwords-common'])),
  diceware: usable(interleave(common['diceware-common'])),
  words: usable(interleave(fr['commonWords-fr'], en['commonWords-en'], fr['wikipedia-fr'], en['wikipedia-en'])),
  names: usable(interleave(fr['firstnames-fr'], en['firstnames-en'], fr['lastnames-fr'], en['lastnames-en'])),
});

/** Keyboard layouts for zxcvbn's spatial matcher (azerty, qwerty, qwertz, dvorak, keypads). */
export const keyboardGraphs = adjacencyGraphs;

/**
 * The common passwords as shipped (language-common's list; the en and fr packages of @zxcvbn-ts 4
 * ship word, name and Wikipedia lists, no password list). Raw: the caller folds them.
 */
export const commonPasswordList = (): WordList => common['passwords-common'];
