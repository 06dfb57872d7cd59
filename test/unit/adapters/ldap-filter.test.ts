/**
 * RFC 4515 escaping: whatever a person types stays one literal equality value once ldapts has
 * parsed the filter, so no input can widen a search.
 */
import fc from 'fast-check';
import { AndFilter, EqualityFilter, FilterParser } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { andFilter, equalityFilter, escapeFilterValue } from '../../../src/adapters/ldap/filter.ts';

const valueOf = (filter: unknown) => {
  expect(filter).toBeInstanceOf(EqualityFilter);
  const { value } = filter as EqualityFilter;
  return Buffer.isBuffer(value) ? value.toString('utf8') : value;
};

describe('escapeFilterValue', () => {
  it('escapes the five characters RFC 4515 reserves', () => {
    expect(escapeFilterValue('*)(uid=*')).toBe('\\2a\\29\\28uid=\\2a');
    expect(escapeFilterValue('a\\b\0c')).toBe('a\\5cb\\00c');
    expect(escapeFilterValue('Éloïse Lefèvre-Dupont')).toBe('Éloïse Lefèvre-Dupont');
  });

  it('keeps any typed value one literal equality assertion after parsing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (typed) => {
        const parsed = FilterParser.parseString(equalityFilter('uid', typed));
        expect((parsed as EqualityFilter).attribute).toBe('uid');
        expect(valueOf(parsed)).toBe(typed);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps injection attempts inside the value when combined with the configured filter', () => {
    const parsed = FilterParser.parseString(andFilter('(objectClass=inetOrgPerson)', equalityFilter('uid', 'admin)(|(uid=*')));
    expect(parsed).toBeInstanceOf(AndFilter);
    const [, login] = (parsed as AndFilter).filters;
    expect(valueOf(login)).toBe('admin)(|(uid=*');
  });
});
