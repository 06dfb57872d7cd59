/**
 * Properties of the flows' input schemas (shared by pages and API): any value at all is either
 * parsed or refused with our validation error, never a crash; well-formed input always parses;
 * identifiers with control characters (CR, LF, NUL…) never get through.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PasserelleError } from '../../../src/errors.ts';
import { changeInput } from '../../../src/flows/change/input.ts';
import { parseInput } from '../../../src/http/validation.ts';
import { hasMessage } from '../../../src/i18n/index.ts';

const parseOrRefuse = (value: unknown) => {
  try {
    return { ok: true as const, value: parseInput(changeInput, value) };
  } catch (error) {
    return { ok: false as const, error };
  }
};

describe('the change input schema', () => {
  it('never throws anything but a validation error whose issues all have a message', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ login: fc.anything(), currentPassword: fc.anything(), newPassword: fc.anything() })), (value) => {
        const result = parseOrRefuse(value);
        if (result.ok) return;
        expect(result.error).toBeInstanceOf(PasserelleError);
        const error = result.error as PasserelleError;
        expect(error.code).toBe('validation');
        for (const issue of error.details?.issues ?? []) expect(hasMessage(issue.code), issue.code).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every well-formed input, trimming the login but never the passwords', () => {
    const text = fc.string({ minLength: 1, maxLength: 200, unit: 'grapheme' }).filter((s) => !/\p{Cc}/u.test(s));
    fc.assert(
      fc.property(text.filter((s) => s.trim().length > 0), text, text, (login, currentPassword, newPassword) => {
        const result = parseOrRefuse({ login: ` ${login} `, currentPassword, newPassword });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.value.login).toBe(login.trim());
        expect(result.value.currentPassword).toBe(currentPassword);
        expect(result.value.newPassword).toBe(newPassword);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a login holding a control character', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.constantFrom('\r', '\n', '\u0000', '\u001b', '\u007f'), fc.string({ maxLength: 20 }), (before, control, after) => {
        const result = parseOrRefuse({ login: `a${before}${control}${after}b`, currentPassword: 'x', newPassword: 'y' });
        expect(result.ok).toBe(false);
      }),
    );
  });
});
