/**
 * What slapd answers (result code, diagnostic text, ppolicy response control, as measured on
 * slapd 2.5) and what people are told.
 */
import { InvalidCredentialsError, ConstraintViolationError, InsufficientAccessError, UnwillingToPerformError, BusyError } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { translateOpenLdapError } from '../../../src/adapters/openldap/errors.ts';
import { hasMessage } from '../../../src/i18n/index.ts';

const violation = (error: ReturnType<typeof translateOpenLdapError>) => error.details?.violations?.[0];

describe('translateOpenLdapError', () => {
  it('maps the ppolicy refusals of a new password to directory violations', () => {
    const cases: [string, number | undefined, string][] = [
      ['Password fails quality checking policy', 6, 'directory_too_short'],
      ['Password fails quality checking policy', 5, 'directory_quality'],
      ['Password fails quality checking policy', undefined, 'directory_quality'],
      ['Password is in history of old passwords', 8, 'directory_in_history'],
      ['Password is not being changed from existing value', 8, 'directory_same_as_current'],
      ['Password is too young to change', 7, 'directory_too_young'],
      ['something new', undefined, 'directory_refused'],
    ];
    for (const [text, ppolicyError, code] of cases) {
      const error = translateOpenLdapError(new ConstraintViolationError(text), 'change', ppolicyError === undefined ? undefined : { error: ppolicyError });
      expect(error.code).toBe('policy');
      expect(violation(error), text).toEqual({ code, source: 'directory' });
      expect(hasMessage(`violation.${code}`), `message for ${code}`).toBe(true);
    }
  });

  it('tells a locked account from a wrong password on bind', () => {
    expect(translateOpenLdapError(new InvalidCredentialsError(), 'bind').code).toBe('invalid_credentials');
    expect(translateOpenLdapError(new InvalidCredentialsError(), 'bind', { error: 1 }).code).toBe('account_locked');
  });

  it('reads 53 as a wrong old password only in a change', () => {
    expect(translateOpenLdapError(new UnwillingToPerformError('unwilling to verify old password'), 'change').code).toBe('invalid_credentials');
    expect(translateOpenLdapError(new UnwillingToPerformError('unwilling'), 'reset').code).toBe('write_refused');
  });

  it('maps missing rights to write_refused, and busy or unreachable servers to unavailable', () => {
    expect(translateOpenLdapError(new InsufficientAccessError(), 'reset').code).toBe('write_refused');
    expect(translateOpenLdapError(new BusyError(), 'read').code).toBe('unavailable');
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:389'), { code: 'ECONNREFUSED' });
    expect(translateOpenLdapError(refused, 'read')).toMatchObject({ code: 'unavailable', retry: true });
    expect(translateOpenLdapError(new Error('BindRequest: Operation timed out'), 'bind').code).toBe('unavailable');
  });

  it('keeps bugs and unknown answers apart from outages', () => {
    expect(translateOpenLdapError(new TypeError('x is undefined'), 'read').code).toBe('internal');
    expect(translateOpenLdapError(new Error('Unbalanced parens: (mail=a'), 'read').code).toBe('internal');
  });
});
