/**
 * @module adapters/active-directory/domain-prefix
 * People used to Windows log-ins type « ACEXEMPLE\jdupont ». A backslash cannot be part of a
 * sAMAccountName, so the prefix is dropped when it is this domain's NetBIOS name (read once from
 * the crossRef of the domain's naming context, which any authenticated account may read); any
 * other prefix is kept, and such a login finds nobody.
 */
import type { Client } from 'ldapts';
import { equalityFilter } from '../ldap/filter.ts';
import { firstValueOf, readRootDse, searchEntries } from '../ldap/search.ts';

/** The domain's NetBIOS name (« ACEXEMPLE »), or undefined when the directory does not say. */
export const readNetbiosName = async (client: Client): Promise<string | undefined> => {
  const rootDse = await readRootDse(client, ['defaultNamingContext', 'configurationNamingContext']);
  const domain = firstValueOf(rootDse, 'defaultNamingContext');
  const configuration = firstValueOf(rootDse, 'configurationNamingContext');
  if (!domain || !configuration) return undefined;
  const [crossRef] = await searchEntries(client, `CN=Partitions,${configuration}`, {
    filter: `(&(objectClass=crossRef)${equalityFilter('nCName', domain)})`,
    attributes: ['nETBIOSName'],
    sizeLimit: 1,
  });
  return crossRef ? firstValueOf(crossRef, 'nETBIOSName') : undefined;
};

/** The login without « NETBIOS\ » when that is the domain's own name; otherwise as typed. */
export const withoutDomainPrefix = (login: string, netbiosName: string | undefined): string => {
  const slash = login.indexOf('\\');
  if (slash <= 0 || netbiosName === undefined) return login;
  const rest = login.slice(slash + 1);
  return rest.length > 0 && login.slice(0, slash).trim().toUpperCase() === netbiosName.toUpperCase() ? rest.trim() : login;
};
