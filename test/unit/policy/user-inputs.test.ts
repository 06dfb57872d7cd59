/**
 * @module test/unit/policy/user-inputs
 * The personal words handed to zxcvbn: the forms people really use.
 */
import { describe, expect, it } from 'vitest';
import { birthDateForms, userInputsOf } from '../../../src/policy/user-inputs.ts';
import { eloise } from './policies.ts';

describe('user inputs', () => {
  it('writes a birth date the ways people do', () => {
    expect(birthDateForms('1984-03-12')).toEqual(
      expect.arrayContaining(['19840312', '12031984', '12/03/1984', '1984', '84', '120384', '1203', '03/12/1984', '12/3/1984']),
    );
    expect(birthDateForms('12/03/1984')).toEqual([]);
  });

  it('covers Éloïse’s login, names, their combinations and their parts', () => {
    const inputs = userInputsOf(eloise);
    expect(inputs).toEqual(
      expect.arrayContaining(['elefevre', 'éloïse', 'eloise', 'lefevre', 'dupont', 'lefevredupont', 'eloiselefevre', 'elefevre1984', 'eloise120384']),
    );
    expect(new Set(inputs).size).toBe(inputs.length);
    expect(inputs).not.toContain('');
  });

  it('adds the context’s extra words, folded too', () => {
    expect(userInputsOf({ userInputs: ['Établissement'] })).toEqual(['établissement', 'etablissement']);
    expect(userInputsOf({})).toEqual([]);
  });
});
