/**
 * @module adapters/active-directory/policy-cache
 * The password policies read from AD, kept for a few minutes: the domain's (one read of the domain
 * root object, found through the root DSE's defaultNamingContext) and each fine-grained policy
 * (PSO) by DN. Which PSO applies to a person is asked each time (one small read of
 * msDS-ResultantPSO): group memberships change, and a stale answer would let a password through.
 */
import type { Client } from 'ldapts';
import type { Logger } from '../../lib/logger.ts';
import type { Person } from '../../ports/directory.ts';
import { firstValueOf, readRootDse } from '../ldap/search.ts';
import { readDomainPolicy, readPso, readResultantPso, type AdPasswordPolicy } from './policy.ts';

export interface PolicyReaderOptions {
  /** Runs a read on a service-account connection, errors already translated. */
  read: <T>(operation: (client: Client) => Promise<T>) => Promise<T>;
  cacheSeconds: number;
  logger: Logger;
  /** For tests: the clock, in milliseconds. */
  now?: () => number;
}

export interface PolicyReader {
  /** The domain's policy (what applies to anyone without a fine-grained policy). */
  domain(): Promise<AdPasswordPolicy>;
  /** The policy that applies to `person`: their PSO when one applies and is readable, else the domain's. */
  forPerson(person: Pick<Person, 'dn'>): Promise<AdPasswordPolicy>;
}

interface Cached<T> {
  value: Promise<T>;
  until: number;
}

export const createPolicyReader = (options: PolicyReaderOptions): PolicyReader => {
  const now = options.now ?? Date.now;
  const ttl = options.cacheSeconds * 1000;
  const cache = new Map<string, Cached<AdPasswordPolicy | undefined>>();
  const unreadable = new Set<string>();

  /** One read per key per TTL; a failed read is not kept, so the next call tries again. */
  const cached = (key: string, load: () => Promise<AdPasswordPolicy | undefined>) => {
    const hit = cache.get(key);
    if (hit && hit.until > now()) return hit.value;
    const value = load();
    cache.set(key, { value, until: now() + ttl });
    value.catch(() => cache.delete(key));
    return value;
  };

  const domain = async (): Promise<AdPasswordPolicy> =>
    (await cached('domain', () =>
      options.read(async (client) => {
        const rootDse = await readRootDse(client, ['defaultNamingContext']);
        const domainDn = firstValueOf(rootDse, 'defaultNamingContext');
        if (!domainDn) throw new Error('the root DSE names no defaultNamingContext');
        return readDomainPolicy(client, domainDn);
      }),
    ))!;

  const forPerson = async (person: Pick<Person, 'dn'>): Promise<AdPasswordPolicy> => {
    const psoDn = await options.read((client) => readResultantPso(client, person.dn));
    if (!psoDn) return domain();
    const pso = await cached(`pso:${psoDn.toLowerCase()}`, () => options.read((client) => readPso(client, psoDn)));
    if (pso) return pso;
    if (!unreadable.has(psoDn)) {
      unreadable.add(psoDn);
      options.logger.warn(
        { pso: psoDn },
        'a fine-grained password policy applies but the service account cannot read it (grant Read on CN=Password Settings Container): using the domain policy',
      );
    }
    return domain();
  };

  return { domain, forPerson };
};
