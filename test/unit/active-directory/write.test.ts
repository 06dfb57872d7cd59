/**
 * What goes on the wire for AD password writes: the unicodePwd value and the policy-hints control.
 */
import { BerWriter } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { encodeUnicodePwd, POLICY_HINTS_OID, PolicyHintsControl } from '../../../src/adapters/active-directory/write.ts';

describe('AD password encoding', () => {
  it('quotes the password and encodes it in UTF-16LE, accents included', () => {
    expect(encodeUnicodePwd('Mésange#1')).toEqual(Buffer.from('"Mésange#1"', 'utf16le'));
    expect(encodeUnicodePwd('é').toString('hex')).toBe('2200e9002200');
  });

  it('sends the policy-hints control as non-critical, value SEQUENCE { INTEGER 1 }', () => {
    const writer = new BerWriter();
    new PolicyHintsControl().write(writer);
    const oid = Buffer.from(POLICY_HINTS_OID);
    const expected = Buffer.concat([
      Buffer.from([0x30, 2 + oid.length + 3 + 7, 0x04, oid.length]), oid,
      Buffer.from([0x01, 0x01, 0x00]), // criticality FALSE
      Buffer.from([0x04, 0x05, 0x30, 0x03, 0x02, 0x01, 0x01]), // controlValue
    ]);
    expect(writer.buffer.toString('hex')).toBe(expected.toString('hex'));
  });
});
