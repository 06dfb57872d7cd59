/**
 * A target's known policy, checked before the primary write: the violations name the target (its
 * label) so that a person reads which system asks for what.
 */
import { describe, expect, it } from 'vitest';
import { checkKnownPolicy } from '../../../src/sync/targets/policy-check.ts';

const target = { name: 'domaine-postes', label: 'Session Windows' };
const person = { login: 'jdupont', displayName: 'Jean Dupont' };

describe('target pre-check', () => {
  it('passes anything when the target declares no policy', () => {
    expect(checkKnownPolicy('a', undefined, person, target)).toEqual([]);
  });

  it('reports length, complexity and the login, naming the target', () => {
    const violations = checkKnownPolicy('jdupont', { minLength: 14, complexity: true }, person, target);
    expect(violations.map((v) => v.code).sort()).toEqual(['target_complexity', 'target_contains_login', 'target_contains_name', 'target_too_short']);
    expect(violations.every((v) => v.source === 'domaine-postes' && v.params?.target === 'Session Windows')).toBe(true);
    expect(violations.find((v) => v.code === 'target_too_short')?.params?.min).toBe(14);
  });

  it('refuses the person’s name under complexity, and a password longer than maxLength', () => {
    expect(checkKnownPolicy('Dupont-2026-Soleil!', { complexity: true }, person, target).map((v) => v.code)).toEqual(['target_contains_name']);
    expect(checkKnownPolicy('Orage!Pivoine73', { maxLength: 12 }, person, target)).toEqual([
      { code: 'target_too_long', params: { max: 12, target: 'Session Windows' }, source: 'domaine-postes' },
    ]);
  });

  it('accepts a password that meets every declared rule', () => {
    expect(checkKnownPolicy('Orage!Pivoine73', { minLength: 12, maxLength: 64, complexity: true }, person, target)).toEqual([]);
  });
});
