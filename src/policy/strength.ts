/**
 * @module policy/strength
 * The strength estimate, one implementation for the server and the browser meter: zxcvbn-ts with
 * the merged French/English dictionaries, the person's own words, and a 0–100 score for the bar.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { buildDictionaries, keyboardGraphs } from './dictionaries.ts';
import type { Strength, StrengthLevel } from './types.ts';

/**
 * zxcvbn tries at most this many l33t readings of a password (its default is 100), each one a full
 * dictionary pass: the main cost of an estimate. Measured on 39 l33t passwords (« M0td3p@ss3 »,
 * « f|0w3r », « b!11!0n »…): 8 readings give exactly the guesses of 100; 4 already misjudge two
 * of them, 1 five. CPU per 20-character estimate, same process, interleaved: 8 → 4.1 ms median,
 * 4 → 2.9 ms, 2 → 2.3 ms (a loaded 2-core machine; about half that when idle).
 */
const L33T_READINGS = 8;
/**
 * Only this many characters are estimated (zxcvbn's default is 256). Beyond that, matching cost
 * grows for no benefit: a 64-character prefix that is not trivially guessable is far beyond
 * "Très fort" anyway, and a guessable one (« aaaa… ») stays low, which errs on the safe side.
 */
const ESTIMATED_LENGTH = 64;

let factory: ZxcvbnFactory | undefined;

/**
 * Built on first use (≈ 0.5 s: zxcvbn ranks every word and builds its l33t tree), then reused:
 * the options are global to the estimator. Levenshtein matching stays off: it compares the whole
 * password with every dictionary word, 0.3–2 s per estimate here.
 */
const estimator = (): ZxcvbnFactory =>
  (factory ??= new ZxcvbnFactory({
    dictionary: buildDictionaries(),
    graphs: keyboardGraphs,
    l33tMaxSubstitutions: L33T_READINGS,
    maxLength: ESTIMATED_LENGTH,
    useLevenshteinDistance: false,
  }));

/** Builds the estimator now (server start-up, or the browser once the dictionaries arrived). */
export const warmUpStrength = (): void => {
  estimator();
};

/**
 * The bar follows log10(guesses) piecewise linearly, with the breakpoints at zxcvbn's own level
 * boundaries, so the percentage and the label always agree:
 *
 *   guesses   1     10³    10⁶    10⁸    10¹⁰    10¹⁶ and more
 *   score     0 %   20 %   40 %   60 %   80 %    100 %
 *   level       0      1      2      3       4
 *
 * Each added character moves the bar a little rather than jumping a level at a time. The last
 * segment is the widest on purpose: 100 % means about a random 16-character password.
 */
const BREAKPOINTS: readonly (readonly [log10: number, score: number])[] = [
  [0, 0],
  [3, 20],
  [6, 40],
  [8, 60],
  [10, 80],
  [16, 100],
];

/**
 * The bar's 0–100 from zxcvbn's guesses (log10) and level. zxcvbn puts a level boundary at
 * threshold + 5 guesses, so near a boundary the curve is clamped into the level's band
 * ([20·level, 20·level + 19], 80–100 for level 4) to keep the two consistent.
 */
export const scoreOf = (guessesLog10: number, level: StrengthLevel): number => {
  const x = Number.isFinite(guessesLog10) ? Math.max(0, guessesLog10) : 0;
  let score = 100;
  for (let k = 1; k < BREAKPOINTS.length; k += 1) {
    const [x1, y1] = BREAKPOINTS[k] ?? [0, 0];
    if (x <= x1) {
      const [x0, y0] = BREAKPOINTS[k - 1] ?? [0, 0];
      score = y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
      break;
    }
  }
  const low = level * 20;
  const high = level === 4 ? 100 : low + 19;
  return Math.min(high, Math.max(low, Math.round(score)));
};

/** One zxcvbn match, reduced to what the common-password rule reads. */
export interface MatchSummary {
  pattern: string;
  /** UTF-16 offsets in the NFC form of the password, inclusive, as zxcvbn reports them. */
  i: number;
  j: number;
  dictionaryName?: string | undefined;
}

/** The estimate and the match sequence behind it (so callers need not run zxcvbn twice). */
export interface Analysis {
  strength: Strength;
  guessesLog10: number;
  matches: readonly MatchSummary[];
}

const asLevel = (score: number): StrengthLevel => (score >= 4 ? 4 : score <= 0 ? 0 : (Math.round(score) as StrengthLevel));

/** Runs zxcvbn once on the NFC form of the password with the person's words. */
export const analysePassword = (password: string, userInputs: readonly string[] = []): Analysis => {
  const result = estimator().check(password.normalize('NFC'), [...userInputs]);
  const level = asLevel(result.score);
  return {
    strength: { score: scoreOf(result.guessesLog10, level), level },
    guessesLog10: result.guessesLog10,
    matches: result.sequence.map((match) => ({
      pattern: match.pattern,
      i: match.i,
      j: match.j,
      dictionaryName: typeof match.dictionaryName === 'string' ? match.dictionaryName : undefined,
    })),
  };
};

/**
 * Strength of a candidate: `userInputs` are the person's words (see `userInputsOf`), which cost
 * an attacker who knows the person almost nothing. Synchronous; the first call builds the
 * estimator (see `warmUpStrength`).
 */
export const estimateStrength = (password: string, userInputs: readonly string[] = []): Strength =>
  analysePassword(password, userInputs).strength;
