/**
 * What goes on the wire for AD password writes: the unicodePwd value, the policy-hints control and
 * when it is sent, and what a reset refuses before writing.
 */
import { BerWriter, type Client } from 'ldapts';
import { describe, expect, it } from 'vitest';
import {
  advertisedPolicyHints, encodeUnicodePwd, POLICY_HINTS_DEPRECATED_OID, POLICY_HINTS_OID, PolicyHintsControl, resetAdPassword,
} from '../../../src/adapters/active-directory/write.ts';

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

/** A fake connection: answers base searches from `entries`, records modifies with their controls. */
const fakeClient = (entries: Record<string, Record<string, string | string[]>>) => {
  const modifies: { dn: string; types: string[]; controls: string[] }[] = [];
  const client = {
    search: async (base: string) => ({ searchEntries: entries[base] ? [{ dn: base, ...entries[base] }] : [], searchReferences: [] }),
    modify: async (dn: string, changes: { modification: { type: string } }[], controls?: { type: string; critical: boolean }[]) => {
      modifies.push({ dn, types: changes.map((c) => c.modification.type), controls: (controls ?? []).map((c) => `${c.type}${c.critical ? '!' : ''}`) });
    },
  } as unknown as Client;
  return { client, modifies };
};

const DN = 'CN=Jean Dupont,OU=Personnels,DC=ac-exemple,DC=fr';

describe('resetAdPassword and the policy-hints control', () => {
  it('picks the advertised OID, the current one first, and nothing on a server without it (Samba)', async () => {
    expect(await advertisedPolicyHints(fakeClient({ '': { supportedControl: ['1.2.840.113556.1.4.319', POLICY_HINTS_DEPRECATED_OID, POLICY_HINTS_OID] } }).client)).toBe(POLICY_HINTS_OID);
    expect(await advertisedPolicyHints(fakeClient({ '': { supportedControl: [POLICY_HINTS_DEPRECATED_OID] } }).client)).toBe(POLICY_HINTS_DEPRECATED_OID);
    expect(await advertisedPolicyHints(fakeClient({ '': { supportedControl: ['1.2.840.113556.1.4.319'] } }).client)).toBeUndefined();
  });

  it('sends the password, unlock and must-change in one modify, with the control (never critical) only when given', async () => {
    const { client, modifies } = fakeClient({ [DN]: { userAccountControl: '512' } });
    await resetAdPassword(client, DN, 'Nouveau!Mot2passe', { unlock: true, mustChange: true, policyHints: POLICY_HINTS_OID });
    await resetAdPassword(client, DN, 'Nouveau!Mot2passe', { unlock: false, mustChange: false });
    expect(modifies).toEqual([
      { dn: DN, types: ['unicodePwd', 'lockoutTime', 'pwdLastSet'], controls: [POLICY_HINTS_OID] },
      { dn: DN, types: ['unicodePwd'], controls: [] },
    ]);
  });

  it('writes nothing for a protected account, and nothing for a disabled one when asked to refuse it', async () => {
    const { client, modifies } = fakeClient({ [DN]: { userAccountControl: '514', adminCount: '1' } });
    await expect(resetAdPassword(client, DN, 'Nouveau!Mot2passe', { unlock: true, mustChange: false })).rejects.toMatchObject({
      code: 'write_refused', retry: false, context: { reason: 'protected_account' },
    });
    const disabled = fakeClient({ [DN]: { userAccountControl: '514' } });
    await expect(resetAdPassword(disabled.client, DN, 'Nouveau!Mot2passe', { unlock: true, mustChange: false, refuseDisabled: true })).rejects.toMatchObject({
      code: 'account_locked', context: { reason: 'disabled' },
    });
    expect([...modifies, ...disabled.modifies]).toEqual([]);
  });
});
