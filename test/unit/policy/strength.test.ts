/**
 * @module test/unit/policy/strength
 * The estimate behind the bar: ordering of real-looking passwords, the person's own words, and
 * the 0–100 score staying inside zxcvbn's level.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatePassword } from '../../../src/policy/evaluate.ts';
import { analysePassword, estimateStrength, scoreOf } from '../../../src/policy/strength.ts';
import type { StrengthLevel } from '../../../src/policy/types.ts';
import { userInputsOf } from '../../../src/policy/user-inputs.ts';
import { eloise, policyWith } from './policies.ts';

const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#$%&*+-=?@^_';

describe('strength ordering', { timeout: 30_000 }, () => {
  it('rates a random 16-character password above « Motdepasse2024! »', () => {
    const reference = estimateStrength('Motdepasse2024!').score;
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 16, maxLength: 16 }), (password) => {
        expect(estimateStrength(password).score).toBeGreaterThan(reference);
      }),
      { numRuns: 25 },
    );
  });

  it('orders typical passwords as a person would expect', () => {
    const scores = ['azerty', 'Soleil123!', 'Motdepasse2024!', 'Orage tiède sur les Causses 17'].map((p) => estimateStrength(p).score);
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);
    expect(estimateStrength('azerty')).toMatchObject({ level: 0 });
    expect(estimateStrength('Orage tiède sur les Causses 17')).toEqual({ score: 100, level: 4 });
  });

  it('gives 0 to an empty password', () => {
    expect(estimateStrength('')).toEqual({ score: 0, level: 0 });
  });
});

describe('the person’s own words', { timeout: 30_000 }, () => {
  it('lowers « Elefevre1984! » for Éloïse Lefèvre-Dupont born in 1984', () => {
    const stranger = estimateStrength('Elefevre1984!');
    const hers = estimateStrength('Elefevre1984!', userInputsOf(eloise));
    expect(hers.score).toBeLessThan(stranger.score);
    expect(hers.level).toBeLessThanOrEqual(1);
  });

  it('lowers a password built on her first name and birth date', () => {
    expect(estimateStrength('Eloise120384!', userInputsOf(eloise)).score).toBeLessThan(estimateStrength('Eloise120384!').score);
  });

  it('feeds the minimum-strength rule through evaluatePassword', () => {
    const policy = policyWith({ minStrength: 50 });
    const hers = evaluatePassword('Elefevre1984!', policy, eloise);
    expect(hers.rules.find((rule) => rule.code === 'too_weak')).toEqual({ code: 'too_weak', params: { min: 50 }, ok: false });
    expect(hers.violations.map((v) => v.code)).toContain('too_weak');
    const strong = evaluatePassword('Orage tiède sur les Causses 17', policy, eloise);
    expect(strong.violations).toEqual([]);
    expect(strong.strength.score).toBeGreaterThanOrEqual(50);
  });
});

describe('score from guesses', { timeout: 30_000 }, () => {
  it('puts the level boundaries at 20, 40, 60 and 80 %', () => {
    expect(scoreOf(0, 0)).toBe(0);
    expect(scoreOf(1.5, 0)).toBe(10);
    expect(scoreOf(3, 1)).toBe(20);
    expect(scoreOf(6, 2)).toBe(40);
    expect(scoreOf(8, 3)).toBe(60);
    expect(scoreOf(10, 4)).toBe(80);
    expect(scoreOf(13, 4)).toBe(90);
    expect(scoreOf(16, 4)).toBe(100);
    expect(scoreOf(40, 4)).toBe(100);
  });

  it('stays inside the level’s band, even where zxcvbn’s boundary is a few guesses off', () => {
    expect(scoreOf(3.001, 0)).toBe(19);
    expect(scoreOf(2.9, 1)).toBe(20);
    fc.assert(
      fc.property(fc.double({ min: -1, max: 30, noNaN: true }), fc.constantFrom<StrengthLevel>(0, 1, 2, 3, 4), (log10, level) => {
        const score = scoreOf(log10, level);
        expect(Number.isInteger(score)).toBe(true);
        expect(score).toBeGreaterThanOrEqual(level * 20);
        expect(score).toBeLessThanOrEqual(level === 4 ? 100 : level * 20 + 19);
      }),
    );
  });

  it('grows with the guesses within a level, so the bar moves smoothly', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 30, noNaN: true }), fc.double({ min: 0, max: 30, noNaN: true }), (a, b) => {
        const [low, high] = a < b ? [a, b] : [b, a];
        expect(scoreOf(low, 4)).toBeLessThanOrEqual(scoreOf(high, 4));
      }),
    );
  });

  it('agrees with zxcvbn’s level on real estimates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 24 }), (password) => {
        const { strength } = analysePassword(password);
        expect(Math.floor(Math.min(strength.score, 99) / 20)).toBe(strength.level);
      }),
      { numRuns: 60 },
    );
  });
});
