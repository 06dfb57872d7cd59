/**
 * @module test/unit/policy/common
 * The common-password rule: listed passwords, folded; zxcvbn's own reading of them (l33t,
 * reversed); and a listed start dressed up with digits or symbols, unless the whole is very strong.
 */
import { describe, expect, it } from 'vitest';
import { isCommonPassword, isListedPassword } from '../../../src/policy/common.ts';
import { analysePassword } from '../../../src/policy/strength.ts';

const common = (password: string) => isCommonPassword(password, analysePassword(password));

describe('common passwords', { timeout: 30_000 }, () => {
  it('finds listed passwords whatever the case or accents', () => {
    for (const password of ['azerty', 'AZERTY', 'Motdepasse', 'motdépasse', 'soleil', 'marseille', 'password', 'qwerty123']) {
      expect(common(password), password).toBe(true);
    }
    expect(isListedPassword('Orage tiède sur les Causses')).toBe(false);
  });

  it('finds what zxcvbn reads as one listed password: l33t and reversed', () => {
    expect(common('P@ssw0rd')).toBe(true);
    expect(common('drowssap')).toBe(true);
  });

  it('finds a listed start followed by digits or symbols only, as the help panel promises', () => {
    for (const password of ['Motdepasse2024!', 'Azerty123', 'Soleil123!', 'Password2024!', 'Qwerty123', 'M0td3p@ss3!2024', 'marseille 13013']) {
      expect(common(password), password).toBe(true);
    }
  });

  it('keeps passwords where the listed word is only a part', () => {
    for (const password of ['Soleil#8$k2!x', 'Orage tiède sur les Causses 17', 'marseille vélo 13', 'xK9#mQ2$vL7!pR4@']) {
      expect(common(password), password).toBe(false);
    }
  });

  it('keeps a listed start when zxcvbn finds the whole very strong (level 4)', () => {
    const password = 'azerty!8#2$7&4%9(';
    expect(analysePassword(password).strength.level).toBe(4);
    expect(common(password)).toBe(false);
  });

  it('ignores listed starts shorter than 4 characters', () => {
    expect(common('abc!!!!!!!!!!')).toBe(false);
  });

  it('says nothing of an empty password', () => {
    expect(common('')).toBe(false);
  });
});
