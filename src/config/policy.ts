/**
 * @module config/policy
 * The password policy. Its output type is exactly `PasswordPolicy` from src/policy, which the
 * browser bundle also uses; the default is the rule people already know: at least 12
 * characters with a lower-case and an upper-case letter, a digit and a non-alphanumeric character.
 */
import { z } from 'zod';
import type { PasswordPolicy } from '../policy/types.ts';

const count = z.number().int().min(0).max(64);

export const policySection = z
  .object({
    minLength: z.number().int().min(1).max(256).default(12),
    /** At least 64, so that pass-phrases fit (NIST SP 800-63B). */
    maxLength: z.number().int().min(64).max(1024).default(128),
    minLower: count.default(1),
    minUpper: count.default(1),
    minDigit: count.default(1),
    minSpecial: count.default(1),
    /** "N of the 4 classes" instead of (or on top of) the minimums above; 0 = off. */
    minClasses: z.number().int().min(0).max(4).default(0),
    /** Characters that may not appear (some downstream systems choke on them). */
    forbiddenCharacters: z.string().default(''),
    mustDifferFromCurrent: z.boolean().default(true),
    /** Refuse passwords containing the login, first name or last name (accent- and case-insensitive). */
    forbidPersonalInfo: z.boolean().default(true),
    /**
     * Minimum strength in % of the meter's bar (0 = no minimum). The bar's level boundaries are
     * 20 / 40 / 60 / 80 % (zxcvbn's 10³ / 10⁶ / 10⁸ / 10¹⁰ guesses): 60 asks for « Bon », 80 for « Très fort ».
     */
    minStrength: z.number().int().min(0).max(100).default(0),
    /** Refuse the common passwords that ship with @zxcvbn-ts (offline). */
    blockCommon: z.boolean().default(true),
    /**
     * Worker threads that run the strength estimate and the common-password list (a few ms of CPU
     * each, off the request thread). 1 suits 2 cores; more only help with more cores.
     */
    estimatorThreads: z.number().int().min(1).max(16).default(1),
    /** Have I Been Pwned k-anonymity check: only a 5-character SHA-1 prefix leaves the server. */
    breached: z
      .object({
        enabled: z.boolean().default(false),
        url: z.url().default('https://api.pwnedpasswords.com/range/'),
        timeoutMs: z.number().int().positive().default(1500),
      })
      .prefault({}),
  })
  .strict()
  .refine((p) => p.maxLength >= p.minLength, { message: 'maxLength must be at least minLength', path: ['maxLength'] })
  .refine((p) => p.minLower + p.minUpper + p.minDigit + p.minSpecial <= p.maxLength, {
    message: 'the class minimums add up to more than maxLength',
    path: ['minLower'],
  });

export type PolicyConfig = z.infer<typeof policySection>;

// Compile-time proof that the config's output is the policy the pure module expects.
const _policyMatches = (config: PolicyConfig): PasswordPolicy => ({ ...config, words: [] });
void _policyMatches;
