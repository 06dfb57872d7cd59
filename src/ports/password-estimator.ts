/**
 * @module ports/password-estimator
 * The dictionary-backed half of the policy (zxcvbn's strength estimate and the common-password
 * verdict). Milliseconds of CPU per password: the adapter runs it off the request thread.
 */
import type { Strength } from '../policy/types.ts';

/** What the dictionaries say of one candidate password. */
export interface DictionaryVerdict {
  strength: Strength;
  /** A listed common password (folded, l33t, reversed, or a listed start with digits/symbols tacked on). */
  common: boolean;
}

export interface PasswordEstimatorPort {
  /** `userInputs`: the person's own words (login, names, birth date forms) that make a password guessable. */
  analyse(password: string, userInputs: readonly string[]): Promise<DictionaryVerdict>;
  close(): Promise<void>;
}
