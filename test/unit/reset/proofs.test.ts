/**
 * The identity proofs: dates typed the way people type them, stored the way directories store
 * them, text compared ignoring case and spaces, and every mismatch (unknown login included) a plain
 * false.
 */
import { describe, expect, it } from 'vitest';
import { normaliseText, parseStoredDate, parseTypedDate, proofAttributes, proofsMatch, type ProofSpec } from '../../../src/flows/reset-identity/proofs.ts';
import type { Person } from '../../../src/ports/directory.ts';

const SPECS: ProofSpec[] = [
  { name: 'staffNumber', attributes: ['employeeNumber'], kind: 'text', storedFormat: 'YYYYMMDD' },
  { name: 'birthDate', attributes: ['birthDate'], kind: 'date', storedFormat: 'YYYYMMDD' },
];

const person = (extra: Record<string, string[]>): Person => ({ dn: 'uid=x,ou=people,dc=example,dc=org', login: 'x', extra });
const eloise = person({ employeeNumber: ['09E0412345ABC'], birthDate: ['19840312'] });

describe('typed dates', () => {
  it.each([
    ['12/03/1984', '19840312'],
    ['12-03-1984', '19840312'],
    ['12.03.1984', '19840312'],
    ['12 03 1984', '19840312'],
    [' 2/3/1984 ', '19840302'],
    ['12031984', '19840312'],
    ['1984-03-12', '19840312'],
    ['29/02/1988', '19880229'],
  ])('%s is %s', (typed, expected) => {
    expect(parseTypedDate(typed)).toBe(expected);
  });

  it.each(['31/02/1990', '29/02/1990', '00/01/1990', '12/13/1984', '1984/03/12', '12/03/84', 'hier', '', '12/03/1984)(uid=*'])('%s is not a date', (typed) => {
    expect(parseTypedDate(typed)).toBeUndefined();
  });
});

describe('stored dates', () => {
  it('reads each configured format', () => {
    expect(parseStoredDate('19840312', 'YYYYMMDD')).toBe('19840312');
    expect(parseStoredDate('1984-03-12', 'YYYY-MM-DD')).toBe('19840312');
    expect(parseStoredDate('12/03/1984', 'DD/MM/YYYY')).toBe('19840312');
    expect(parseStoredDate('19840312000000Z', 'generalizedTime')).toBe('19840312');
    expect(parseStoredDate('198403121030+0100', 'generalizedTime')).toBe('19840312');
  });

  it('refuses a value that does not have the configured shape', () => {
    expect(parseStoredDate('1984-03-12', 'YYYYMMDD')).toBeUndefined();
    expect(parseStoredDate('19840231', 'YYYYMMDD')).toBeUndefined();
  });
});

describe('text proofs', () => {
  it('ignore case and spaces', () => {
    expect(normaliseText(' 09e 0412345 abc ')).toBe('09E0412345ABC');
  });
});

describe('proofsMatch', () => {
  it('accepts the right proofs however they are typed', () => {
    expect(proofsMatch(SPECS, { staffNumber: '09e0412345abc', birthDate: '12/03/1984' }, eloise)).toBe(true);
    expect(proofsMatch(SPECS, { staffNumber: '09E0412345ABC', birthDate: '1984-03-12' }, eloise)).toBe(true);
  });

  it('refuses one wrong proof, a missing one, an unknown login, and a person without the attribute', () => {
    expect(proofsMatch(SPECS, { staffNumber: '09E0412345ABC', birthDate: '13/03/1984' }, eloise)).toBe(false);
    expect(proofsMatch(SPECS, { staffNumber: '09E0412345ABD', birthDate: '12/03/1984' }, eloise)).toBe(false);
    expect(proofsMatch(SPECS, { staffNumber: '09E0412345ABC' }, eloise)).toBe(false);
    expect(proofsMatch(SPECS, { staffNumber: '09E0412345ABC', birthDate: '12/03/1984' }, null)).toBe(false);
    expect(proofsMatch(SPECS, { staffNumber: '', birthDate: '' }, person({}))).toBe(false);
  });

  it('reads the configured attributes the person has, whatever their case in the entry', () => {
    const specs: ProofSpec[] = [{ name: 'staffNumber', attributes: ['employeeNumber', 'externalNumber'], kind: 'text', storedFormat: 'YYYYMMDD' }];
    expect(proofsMatch(specs, { staffNumber: 'EXT2019004217' }, person({ externalnumber: ['EXT2019004217'] }))).toBe(true);
    expect(proofAttributes([...specs, ...SPECS])).toEqual(['employeeNumber', 'externalNumber', 'birthDate']);
  });

  it('accepts any value the person holds: a staff number and an external-person number, or an old and a new value', () => {
    const specs: ProofSpec[] = [{ name: 'staffNumber', attributes: ['employeeNumber', 'externalNumber'], kind: 'text', storedFormat: 'YYYYMMDD' }];
    const both = person({ employeeNumber: ['09E0412345ABC'], externalNumber: ['EXT2019004217'] });
    expect(proofsMatch(specs, { staffNumber: '09E0412345ABC' }, both)).toBe(true);
    expect(proofsMatch(specs, { staffNumber: 'ext 2019004217' }, both)).toBe(true);
    expect(proofsMatch(specs, { staffNumber: 'EXT2019004218' }, both)).toBe(false);
    const twoDates: ProofSpec[] = [{ name: 'birthDate', attributes: ['birthDate'], kind: 'date', storedFormat: 'YYYYMMDD' }];
    const corrected = person({ birthDate: ['19840312', '19840321'] });
    expect(proofsMatch(twoDates, { birthDate: '21/03/1984' }, corrected)).toBe(true);
    expect(proofsMatch(twoDates, { birthDate: '22/03/1984' }, corrected)).toBe(false);
  });
});
