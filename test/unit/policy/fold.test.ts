/**
 * @module test/unit/policy/fold
 * Folding as the reset-by-mail flow and the personal-information rules use it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, nameParts } from '../../../src/policy/fold.ts';

describe('fold', () => {
  it('makes « Éloïse Lefèvre-Dupont » and « eloise lefevre dupont » equal', () => {
    expect(fold('Éloïse Lefèvre-Dupont')).toBe('eloise lefevre dupont');
    expect(fold('  ELOISE   lefevre  dupont ')).toBe('eloise lefevre dupont');
  });

  it('folds decomposed accents like composed ones', () => {
    expect(fold('Le\u0301a')).toBe('lea');
    expect(fold('Léa')).toBe('lea');
  });

  it('turns hyphens, dashes, apostrophes and runs of spaces into one space', () => {
    expect(fold("D'Artagnan")).toBe('d artagnan');
    expect(fold('d’Artagnan')).toBe('d artagnan');
    expect(fold('Saint–Exupéry')).toBe('saint exupery');
    expect(fold('Jean -- Pierre')).toBe('jean pierre');
    expect(fold('Jean\u00a0\tPierre')).toBe('jean pierre');
  });

  it('spells out œ, æ and ß as people type them', () => {
    expect(fold('Lœtitia')).toBe('loetitia');
    expect(fold('Æsa')).toBe('aesa');
    expect(fold('Straße')).toBe('strasse');
  });

  it('leaves what is not a letter, an accent or a separator', () => {
    expect(fold('j.dupont2')).toBe('j.dupont2');
    expect(fold('')).toBe('');
  });

  it('is idempotent on any string', { timeout: 30_000 }, () => {
    const unit = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('É', 'ǅ', 'İ', 'ß', 'ﬁ', 'Œ', 'æ', '\u0301', '\u0327', '-', '’', "'", ' ', '\u00a0', '\t', 'Ⅻ', 'ᾼ', 'ϓ', 'Å') },
      { weight: 2, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (value) => {
        expect(fold(fold(value))).toBe(fold(value));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('nameParts', () => {
  it('splits a compound name and drops parts shorter than 3 letters', () => {
    expect(nameParts('Lefèvre-Dupont')).toEqual(['lefevre', 'dupont']);
    expect(nameParts("D'Artagnan")).toEqual(['artagnan']);
    expect(nameParts('Li')).toEqual([]);
    expect(nameParts('Le Bo')).toEqual([]);
  });

  it('drops bare particles, which would refuse common words', () => {
    expect(nameParts('van der Berg')).toEqual(['berg']);
    expect(nameParts('de la Fontaine')).toEqual(['fontaine']);
  });
});
