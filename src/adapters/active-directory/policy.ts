/**
 * @module adapters/active-directory/policy
 * Reads the password policy AD applies to a person: the domain's (attributes of the domain root
 * object) or, when one applies, the fine-grained Password Settings Object named by the person's
 * constructed msDS-ResultantPSO. PSOs are readable by Domain Admins only unless the service
 * account is given Read on CN=Password Settings Container (an unreadable one comes back with no
 * attributes: reported as undefined so that the caller can fall back and say so).
 */
import type { Client } from 'ldapts';
import type { AdPasswordRules } from '../../policy/active-directory.ts';
import { firstValueOf, readEntry, type LdapEntry } from '../ldap/search.ts';

/** Structurally a DirectoryPolicy (the port's view), with AD's other figures. */
export interface AdPasswordPolicy extends AdPasswordRules {
  historyLength: number;
  /** Minimum age before the person may change again (0 = none). */
  minAgeSeconds: number;
  /** Maximum age (0 = never expires). */
  maxAgeSeconds: number;
  /** Failed log-ons before lock-out (0 = never locked). */
  lockoutThreshold: number;
  /** 'domain', or the DN of the fine-grained policy that applies. */
  source: string;
}

/** pwdProperties bit DOMAIN_PASSWORD_COMPLEX (MS-SAMR 2.2.3.2). */
const DOMAIN_PASSWORD_COMPLEX = 1n;
/** The largest negative interval: "never" for maxPwdAge. */
const NEVER = -(2n ** 63n);

const DOMAIN_ATTRIBUTES = ['minPwdLength', 'pwdProperties', 'pwdHistoryLength', 'minPwdAge', 'maxPwdAge', 'lockoutThreshold'];
const PSO_ATTRIBUTES = [
  'msDS-MinimumPasswordLength',
  'msDS-PasswordComplexityEnabled',
  'msDS-PasswordHistoryLength',
  'msDS-MinimumPasswordAge',
  'msDS-MaximumPasswordAge',
  'msDS-LockoutThreshold',
];

const integer = (entry: LdapEntry, name: string): bigint => {
  const value = firstValueOf(entry, name);
  return value !== undefined && /^-?\d+$/.test(value) ? BigInt(value) : 0n;
};

/** AD intervals are negative counts of 100 ns; "never" and 0 both give 0 here. */
export const intervalSeconds = (value: bigint): number => (value === NEVER || value >= 0n ? 0 : Number(-value / 10_000_000n));

/** The domain policy, from the attributes of the domain root object (`domainDn`). */
export const readDomainPolicy = async (client: Client, domainDn: string): Promise<AdPasswordPolicy> => {
  const entry = (await readEntry(client, domainDn, DOMAIN_ATTRIBUTES)) ?? { dn: domainDn, attributes: {} };
  return {
    minLength: Number(integer(entry, 'minPwdLength')),
    complexity: (integer(entry, 'pwdProperties') & DOMAIN_PASSWORD_COMPLEX) !== 0n,
    historyLength: Number(integer(entry, 'pwdHistoryLength')),
    minAgeSeconds: intervalSeconds(integer(entry, 'minPwdAge')),
    maxAgeSeconds: intervalSeconds(integer(entry, 'maxPwdAge')),
    lockoutThreshold: Number(integer(entry, 'lockoutThreshold')),
    source: 'domain',
  };
};

/** The DN of the fine-grained policy that applies to `personDn`, if any (msDS-ResultantPSO). */
export const readResultantPso = async (client: Client, personDn: string): Promise<string | undefined> => {
  const entry = await readEntry(client, personDn, ['msDS-ResultantPSO']);
  return entry ? firstValueOf(entry, 'msDS-ResultantPSO') : undefined;
};

/** A Password Settings Object's rules; undefined when the service account may not read them. */
export const readPso = async (client: Client, psoDn: string): Promise<AdPasswordPolicy | undefined> => {
  const entry = await readEntry(client, psoDn, PSO_ATTRIBUTES);
  if (!entry || firstValueOf(entry, 'msDS-MinimumPasswordLength') === undefined) return undefined;
  return {
    minLength: Number(integer(entry, 'msDS-MinimumPasswordLength')),
    complexity: firstValueOf(entry, 'msDS-PasswordComplexityEnabled')?.toUpperCase() === 'TRUE',
    historyLength: Number(integer(entry, 'msDS-PasswordHistoryLength')),
    minAgeSeconds: intervalSeconds(integer(entry, 'msDS-MinimumPasswordAge')),
    maxAgeSeconds: intervalSeconds(integer(entry, 'msDS-MaximumPasswordAge')),
    lockoutThreshold: Number(integer(entry, 'msDS-LockoutThreshold')),
    source: psoDn,
  };
};
