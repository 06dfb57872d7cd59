/**
 * AD's answers, as Samba 4.17 and Windows word them, translated into what people and integrators
 * see: the error code, the violation, whether a retry may help, and a context without secrets.
 */
import { ConstraintViolationError, InsufficientAccessError, InvalidCredentialsError, UnwillingToPerformError, type Client } from 'ldapts';
import { describe, expect, it } from 'vitest';
import {
  bindDataCode, explainRefusal, mustChangeReason, translateAdError, violationFromConstraintText,
} from '../../../src/adapters/active-directory/errors.ts';
import { changeAdPassword, resetAdPassword } from '../../../src/adapters/active-directory/write.ts';
import { PasserelleError } from '../../../src/errors.ts';

/** A refused bind as Samba and Windows word it (ldapts appends " Code: 0x31"). */
const bindRefusal = (data: string) =>
  new InvalidCredentialsError(`80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data ${data}, v1db1 Code: 0x31`);
const samba52d = (reason: string) => new ConstraintViolationError(`0000052D: Constraint violation - check_password_restrictions: ${reason} Code: 0x13`);
const windows52d = new ConstraintViolationError(
  '0000052D: AtrErr: DSID-03190F80, #1:\n\t0: 0000052D: DSID-03190F80, problem 1005 (CONSTRAINT_ATT_TYPE), data 0, Att 9005a (unicodePwd)\n Code: 0x13',
);
const dn = 'CN=Jean Dupont,OU=Personnels,DC=ac-exemple,DC=test';

describe('refused binds', () => {
  it('reads the data code and knows which ones prove the password right', () => {
    expect(bindDataCode(bindRefusal('52e'))).toBe('52e');
    expect(mustChangeReason(bindRefusal('532'))).toBe('expired');
    expect(mustChangeReason(bindRefusal('773'))).toBe('must_change');
    expect(mustChangeReason(bindRefusal('52e'))).toBeUndefined();
    expect(mustChangeReason(bindRefusal('775'))).toBeUndefined();
  });

  it.each([
    ['52e', 'invalid_credentials', undefined],
    ['525', 'invalid_credentials', undefined],
    ['775', 'account_locked', 'locked'],
    ['533', 'account_locked', 'disabled'],
    ['701', 'account_locked', 'account_expired'],
    ['530', 'account_locked', 'logon_restricted'],
  ])('data %s → %s (%s)', (data, code, reason) => {
    const error = translateAdError(bindRefusal(data), { operation: 'bind', dn });
    expect(error.code).toBe(code);
    expect(error.context?.reason).toBe(reason);
    expect(error.context?.adData).toBe(data);
  });
});

describe('refused password writes', () => {
  it.each([
    ['the password is too short. It should be equal or longer than 7 characters!', { code: 'directory_too_short' }],
    ['the password does not meet the complexity criteria!', { code: 'directory_complexity' }],
    ['the password was already used (in history)!', { code: 'directory_in_history' }],
    ['the password was already used (previous password)!', { code: 'directory_same_as_current' }],
    ['password is too young to change!', { code: 'directory_too_young' }],
  ])('Samba\'s "%s" → one directory violation', (text, violation) => {
    const error = translateAdError(samba52d(text), { operation: 'change', dn });
    expect(error.code).toBe('policy');
    expect(error.retry).toBe(false);
    expect(error.details?.violations).toEqual([{ ...violation, source: 'directory' }]);
  });

  it("reports Windows' reasonless 0000052D as directory_refused, or as what our own check of the domain rules found", () => {
    const bare = translateAdError(windows52d, { operation: 'reset', dn });
    expect(bare.details?.violations).toEqual([{ code: 'directory_refused', source: 'directory' }]);
    const found = [{ code: 'directory_contains_login', source: 'directory' }];
    expect(explainRefusal(bare, found).details?.violations).toEqual(found);
    expect(explainRefusal(bare, []).details?.violations).toEqual([{ code: 'directory_refused', source: 'directory' }]);
    // A named reason (Samba) is never replaced.
    const named = translateAdError(samba52d('the password does not meet the complexity criteria!'), { operation: 'reset', dn });
    expect(explainRefusal(named, found).details?.violations).toEqual([{ code: 'directory_complexity', source: 'directory' }]);
    expect(violationFromConstraintText(windows52d.message)).toBeUndefined();
  });

  it('turns 00000056 (wrong old password in a change) into invalid credentials', () => {
    const error = translateAdError(
      new ConstraintViolationError("00000056: Constraint violation - check_password_restrictions: The old password specified doesn't match! Code: 0x13"),
      { operation: 'change', dn },
    );
    expect(error.code).toBe('invalid_credentials');
  });

  it('refuses for good, and says why, on missing rights and protected accounts', () => {
    const rights = translateAdError(new InsufficientAccessError('error in module acl: insufficient access rights during LDB_MODIFY (50) Code: 0x32'), { operation: 'reset', dn });
    expect([rights.code, rights.retry, rights.context?.reason]).toEqual(['write_refused', false, 'insufficient_rights']);
    const protectedOne = translateAdError(new InsufficientAccessError('00002098: SecErr: DSID-03150F94, problem 4003 (INSUFF_ACCESS_RIGHTS), data 0'), {
      operation: 'reset', dn, protectedAccount: true,
    });
    expect([protectedOne.code, protectedOne.retry, protectedOne.context?.reason]).toEqual(['write_refused', false, 'protected_account']);
    const unwilling = translateAdError(new UnwillingToPerformError("00002035: setup_io: it's not allowed to set the NT hash password directly' Code: 0x35"), { operation: 'reset', dn });
    expect([unwilling.code, unwilling.retry, unwilling.context?.reason]).toEqual(['write_refused', false, 'unwilling_to_perform']);
  });

  it('makes socket failures unavailable (worth retrying) and keeps PasserelleErrors as they are', () => {
    const down = translateAdError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.2:636'), { code: 'ECONNREFUSED' }), { operation: 'reset', dn });
    expect([down.code, down.retry]).toEqual(['unavailable', true]);
    const own = new PasserelleError('validation', 'x');
    expect(translateAdError(own, { operation: 'reset' })).toBe(own);
  });

  it('says « not confirmed » when a password write was sent and its answer never came, « unavailable » for a read', async () => {
    const cut = () => new Error('Connection closed before message response was received. Message type: ModifyRequest (0x66)');
    // A connection whose reads answer (an ordinary account) and whose writes are cut.
    const client = (failure: () => Error) =>
      ({
        search: async () => ({ searchEntries: [{ dn, adminCount: '0', userAccountControl: '512' }], searchReferences: [] }),
        modify: async () => {
          throw failure();
        },
      }) as unknown as Client;
    await expect(changeAdPassword(client(cut), dn, 'Ancien-1!', 'Nouveau-2026!')).rejects.toMatchObject({ code: 'write_unconfirmed', retry: true });
    await expect(resetAdPassword(client(cut), dn, 'Nouveau-2026!', { unlock: false, mustChange: false })).rejects.toMatchObject({ code: 'write_unconfirmed' });
    const reset = resetAdPassword(client(() => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })), dn, 'Nouveau-2026!', { unlock: false, mustChange: false });
    await expect(reset).rejects.toMatchObject({ code: 'write_unconfirmed' });
    // Not a write: nothing was sent that could have been applied.
    expect(translateAdError(cut(), { operation: 'read', dn }).code).toBe('unavailable');
  });
});
