/**
 * @module test/unit/policy/properties
 * Properties over generated input: a password built to meet the length and class minimums meets
 * them, the checker never throws whatever the string, and violations mirror the broken rules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatePassword } from '../../../src/policy/evaluate.ts';
import { checkRules, violationsOf } from '../../../src/policy/rules.ts';
import { checkTextRules } from '../../../src/policy/text-rules.ts';
import { defaultPolicy, eloise, policyWith } from './policies.ts';

const LOWER = ['a', 'z', 'é', 'ß', 'ω', 'я', 'ç'];
const UPPER = ['A', 'Z', 'É', 'Ω', 'Я', 'Ç'];
const DIGIT = ['0', '7', '9', '٣', '५'];
const SPECIAL = ['!', ' ', '€', '—', '😀', '#', '_', '"'];

const some = (pool: string[], count: number) => fc.array(fc.constantFrom(...pool), { minLength: count, maxLength: count + 3 });

/** A policy, and a password made of at least the required characters of each class, shuffled. */
const policyAndPassword = fc
  .record({
    minLength: fc.integer({ min: 1, max: 24 }),
    minLower: fc.integer({ min: 0, max: 4 }),
    minUpper: fc.integer({ min: 0, max: 4 }),
    minDigit: fc.integer({ min: 0, max: 4 }),
    minSpecial: fc.integer({ min: 0, max: 4 }),
    minClasses: fc.integer({ min: 0, max: 4 }),
  })
  .chain((minimums) =>
    fc
      .tuple(
        some(LOWER, Math.max(1, minimums.minLower)),
        some(UPPER, Math.max(1, minimums.minUpper)),
        some(DIGIT, Math.max(1, minimums.minDigit)),
        some(SPECIAL, Math.max(1, minimums.minSpecial)),
        fc.array(fc.constantFrom(...LOWER, ...UPPER, ...DIGIT, ...SPECIAL), { minLength: minimums.minLength, maxLength: minimums.minLength + 4 }),
      )
      .chain((parts) => fc.shuffledSubarray(parts.flat(), { minLength: parts.flat().length }))
      .map((characters) => ({ policy: policyWith({ ...minimums, maxLength: 128, forbidPersonalInfo: false }), password: characters.join('') })),
  );

/** Any string: any code point, lone surrogates, NUL, combining marks. */
const anyUnit = fc.oneof(
  { weight: 5, arbitrary: fc.string({ unit: 'binary', maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\u0301', '\uFEFF', '\u202E', 'e\u0301') },
);
const anyString = fc.string({ unit: anyUnit, maxLength: 64 });

describe('policy properties', { timeout: 30_000 }, () => {
  it('accepts, on length and classes, every password built to meet them', () => {
    fc.assert(
      fc.property(policyAndPassword, ({ policy, password }) => {
        const results = checkTextRules(password, policy);
        const failing = results.filter((rule) => ['min_length', 'max_length', 'lower', 'upper', 'digit', 'special', 'classes'].includes(rule.code) && !rule.ok);
        expect(failing).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws, whatever the string, and violations are empty exactly when every rule is met', () => {
    const policy = policyWith({ minClasses: 2, forbiddenCharacters: ';é', minStrength: 30, words: ['Sorbonne'] });
    fc.assert(
      fc.property(anyString, (password) => {
        const rules = checkRules(password, policy, { ...eloise, currentPassword: 'Ancien-2023!' });
        expect(rules.length).toBeGreaterThan(0);
        expect(violationsOf(rules).length === 0).toBe(rules.every((rule) => rule.ok));
        expect(violationsOf(rules).map((v) => v.code)).toEqual(rules.filter((rule) => !rule.ok).map((rule) => rule.code));
      }),
      { numRuns: 150 },
    );
  });

  it('copes with 10 kB strings, NUL and lone surrogates', () => {
    for (const password of ['\u0000'.repeat(10_240), '\ud800'.repeat(10_240), 'aZ9!'.repeat(2560), 'é'.repeat(10_240), '\udfff\u0000\ud83d']) {
      const { rules, violations } = evaluatePassword(password, defaultPolicy, eloise);
      expect(rules.length).toBeGreaterThan(0);
      expect(violations.length === 0).toBe(rules.every((rule) => rule.ok));
    }
    expect(evaluatePassword('aZ9!'.repeat(2560), defaultPolicy).violations.map((v) => v.code)).toEqual(['max_length']);
  });

  it('never puts the password into a violation', () => {
    const policy = policyWith({ minStrength: 90, forbiddenCharacters: ';', words: ['Sorbonne'] });
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{3}[A-Za-z0-9;]{5,20}$/), (password) => {
        const { violations } = evaluatePassword(password, policy, eloise);
        expect(JSON.stringify(violations)).not.toContain(password);
      }),
      { numRuns: 100 },
    );
  });
});
