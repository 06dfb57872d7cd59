/**
 * The RFC 3062 request value, byte for byte: SEQUENCE { [0] userIdentity, [1] oldPasswd, [2] newPasswd }.
 */
import { describe, expect, it } from 'vitest';
import { encodePasswordModify } from '../../../src/adapters/ldap/password-modify.ts';

describe('encodePasswordModify', () => {
  it('encodes identity, old and new password with context tags 0x80, 0x81, 0x82', () => {
    expect(encodePasswordModify({ userIdentity: 'uid=a', oldPassword: 'old', newPassword: 'né' }).toString('hex')).toBe(
      `30${(2 + 5 + 2 + 3 + 2 + 3).toString(16).padStart(2, '0')}` +
        `8005${Buffer.from('uid=a').toString('hex')}` +
        `8103${Buffer.from('old').toString('hex')}` +
        `8203${Buffer.from('né', 'utf8').toString('hex')}`,
    );
  });

  it('leaves out what is not given (own entry, administrative reset)', () => {
    expect(encodePasswordModify({ newPassword: 'x' }).toString('hex')).toBe('3003820178');
  });
});
