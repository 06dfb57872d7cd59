/**
 * The Windows complexity rule as checkAdPassword applies it: what a person typing a password for
 * an AD account is told before anything is written.
 */
import { describe, expect, it } from 'vitest';
import { adCategories, checkAdPassword, displayNameTokens } from '../../../src/policy/active-directory.ts';

const domain = { minLength: 7, complexity: true };
const jean = { accountName: 'jdupont', displayName: 'Jean Dupont' };
const codes = (password: string, rules = domain, names = jean) => checkAdPassword(password, rules, names).map((v) => v.code);

describe('checkAdPassword', () => {
  it('accepts what Windows accepts', () => {
    expect(codes('Orage!Pivoine73')).toEqual([]);
    expect(codes('mésange-tilleul-84')).toEqual([]); // lower + special + digit
    expect(codes('ÉLOÏSE2026lefèvre')).toEqual([]); // accented capitals count as capitals
  });

  it('counts length in characters and gives the minimum', () => {
    expect(checkAdPassword('Ab1!xy', domain, jean)).toEqual([{ code: 'directory_too_short', params: { min: 7 }, source: 'directory' }]);
    expect(codes('Éé1!xyz')).toEqual([]);
  });

  it('wants three of the five categories, currency signs and spaces not counting', () => {
    expect(codes('abcdefgh12')).toEqual(['directory_complexity']);
    expect(codes('abcdefg1€')).toEqual(['directory_complexity']);
    expect(codes('abcd efg 12')).toEqual(['directory_complexity']);
    expect(codes('abcdefg1_')).toEqual([]);
    expect([...adCategories('aB3!東')].sort()).toEqual(['digit', 'lower', 'other_letter', 'special', 'upper']);
  });

  it('refuses the account name and display-name tokens of 3+ characters, in any case', () => {
    expect(codes('JDupont!2026')).toEqual(['directory_contains_login', 'directory_contains_name']);
    expect(codes('Pivoine!dupont7')).toEqual(['directory_contains_name']);
    expect(codes('Jean!Pivoine7', domain, { accountName: 'jdupont', displayName: 'Jean Dupont' })).toEqual(['directory_contains_name']);
    // Tokens shorter than three characters and account names shorter than three are ignored.
    expect(codes('Le!Goff-Brume7', domain, { accountName: 'yl', displayName: 'Yannick Le Goff' })).toEqual(['directory_contains_name']);
    expect(codes('Le!Brume-2024x', domain, { accountName: 'yl', displayName: 'Yannick Le Goff' })).toEqual([]);
    expect(displayNameTokens('Lefèvre-Dupont, Éloïse #2 M.')).toEqual(['Lefèvre', 'Dupont', 'Éloïse']);
  });

  it('checks only the length when complexity is off', () => {
    expect(codes('jdupont', { minLength: 7, complexity: false })).toEqual([]);
    expect(codes('abc', { minLength: 7, complexity: false })).toEqual(['directory_too_short']);
  });
});
