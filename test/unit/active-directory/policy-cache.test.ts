/**
 * How the AD adapter reads and keeps password policies: figures converted from AD's intervals,
 * kept for the configured time, the person's fine-grained policy first, and the domain's (with a
 * warning for the sysadmin) when the service account may not read that policy.
 */
import type { Client } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { createPolicyReader } from '../../../src/adapters/active-directory/policy-cache.ts';
import { intervalSeconds } from '../../../src/adapters/active-directory/policy.ts';
import { createLogger } from '../../../src/lib/logger.ts';

const DOMAIN = 'DC=ac-exemple,DC=test';
const PSO = 'CN=PSO-Administrateurs,CN=Password Settings Container,CN=System,DC=ac-exemple,DC=test';

/** A fake directory: entries by DN, and a count of the searches made. */
const fakeAd = (entries: Record<string, Record<string, string>>) => {
  const calls: string[] = [];
  const client = {
    search: async (base: string) => {
      calls.push(base);
      const entry = entries[base];
      return { searchEntries: entry ? [{ dn: base, ...entry }] : [], searchReferences: [] };
    },
  } as unknown as Client;
  return { calls, read: <T>(operation: (c: Client) => Promise<T>) => operation(client) };
};

const entries = {
  '': { defaultNamingContext: DOMAIN },
  [DOMAIN]: { minPwdLength: '7', pwdProperties: '1', pwdHistoryLength: '24', minPwdAge: '-864000000000', maxPwdAge: '-9223372036854775808', lockoutThreshold: '5' },
  'CN=Claire Fontaine,OU=Personnels,DC=ac-exemple,DC=test': { 'msDS-ResultantPSO': PSO },
  'CN=Jean Dupont,OU=Personnels,DC=ac-exemple,DC=test': {},
  [PSO]: { 'msDS-MinimumPasswordLength': '14', 'msDS-PasswordComplexityEnabled': 'TRUE', 'msDS-PasswordHistoryLength': '24', 'msDS-MinimumPasswordAge': '0', 'msDS-MaximumPasswordAge': '-36288000000000', 'msDS-LockoutThreshold': '0' },
};

describe('AD policy reading', () => {
  it('converts AD intervals (negative 100 ns counts; "never" is the smallest one)', () => {
    expect(intervalSeconds(-864_000_000_000n)).toBe(86_400);
    expect(intervalSeconds(-(2n ** 63n))).toBe(0);
    expect(intervalSeconds(0n)).toBe(0);
  });

  it("reads the domain's policy once per cache period", async () => {
    let clock = 0;
    const ad = fakeAd(entries);
    const reader = createPolicyReader({ read: ad.read, cacheSeconds: 300, logger: createLogger({ level: 'silent' }), now: () => clock });
    const policy = await reader.domain();
    expect(policy).toEqual({ minLength: 7, complexity: true, historyLength: 24, minAgeSeconds: 86_400, maxAgeSeconds: 0, lockoutThreshold: 5, source: 'domain' });
    await reader.domain();
    expect(ad.calls).toEqual(['', DOMAIN]);
    clock = 301_000;
    await reader.domain();
    expect(ad.calls).toEqual(['', DOMAIN, '', DOMAIN]);
  });

  it("gives a person their fine-grained policy, others the domain's", async () => {
    const ad = fakeAd(entries);
    const reader = createPolicyReader({ read: ad.read, cacheSeconds: 300, logger: createLogger({ level: 'silent' }) });
    expect(await reader.forPerson({ dn: 'CN=Claire Fontaine,OU=Personnels,DC=ac-exemple,DC=test' })).toMatchObject({ minLength: 14, maxAgeSeconds: 3_628_800, source: PSO });
    expect(await reader.forPerson({ dn: 'CN=Jean Dupont,OU=Personnels,DC=ac-exemple,DC=test' })).toMatchObject({ minLength: 7, source: 'domain' });
  });

  it('falls back to the domain policy, and warns once, when the PSO cannot be read', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const ad = fakeAd({ ...entries, [PSO]: {} });
    const reader = createPolicyReader({ read: ad.read, cacheSeconds: 0, logger });
    const claire = { dn: 'CN=Claire Fontaine,OU=Personnels,DC=ac-exemple,DC=test' };
    expect(await reader.forPerson(claire)).toMatchObject({ minLength: 7, source: 'domain' });
    await reader.forPerson(claire);
    expect(lines.filter((line) => line.includes('Password Settings Container'))).toHaveLength(1);
  });

  it('does not keep a failed read', async () => {
    let fail = true;
    const ad = fakeAd(entries);
    const reader = createPolicyReader({
      read: (operation) => (fail ? Promise.reject(new Error('down')) : ad.read(operation)),
      cacheSeconds: 300,
      logger: createLogger({ level: 'silent' }),
    });
    await expect(reader.domain()).rejects.toThrow('down');
    fail = false;
    expect((await reader.domain()).minLength).toBe(7);
  });
});
