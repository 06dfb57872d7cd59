/**
 * « DOMAIN\login »: the prefix goes only when it is the domain's own NetBIOS name.
 */
import { describe, expect, it } from 'vitest';
import { withoutDomainPrefix } from '../../../src/adapters/active-directory/domain-prefix.ts';

describe('withoutDomainPrefix', () => {
  it('drops the domain’s own name, whatever its case and the spaces around it', () => {
    expect(withoutDomainPrefix('ACEXEMPLE\\jdupont', 'ACEXEMPLE')).toBe('jdupont');
    expect(withoutDomainPrefix('acexemple\\ jdupont ', 'ACEXEMPLE')).toBe('jdupont');
  });

  it('keeps anything else as typed: another domain, no name after it, no prefix, an unknown domain name', () => {
    expect(withoutDomainPrefix('POSTES\\jdupont', 'ACEXEMPLE')).toBe('POSTES\\jdupont');
    expect(withoutDomainPrefix('ACEXEMPLE\\', 'ACEXEMPLE')).toBe('ACEXEMPLE\\');
    expect(withoutDomainPrefix('\\jdupont', 'ACEXEMPLE')).toBe('\\jdupont');
    expect(withoutDomainPrefix('jdupont', 'ACEXEMPLE')).toBe('jdupont');
    expect(withoutDomainPrefix('ACEXEMPLE\\jdupont', undefined)).toBe('ACEXEMPLE\\jdupont');
  });
});
