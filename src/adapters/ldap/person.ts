/**
 * @module adapters/ldap/person
 * Turns a directory entry into the port's `Person`, following the attribute names of the config
 * (the same shape for OpenLDAP and Active Directory, only the defaults differ).
 */
import type { DirectoryConfig } from '../../config/directory.ts';
import type { Person } from '../../ports/directory.ts';
import { firstValueOf, valuesOf, type LdapEntry } from './search.ts';

export type AttributeMap = DirectoryConfig['attributes'];

/** The attributes to ask for: the mapped ones plus the extra ones a flow needs. */
export const personAttributes = (map: AttributeMap, extra: readonly string[] = []): string[] => {
  const names = [map.login, map.mail, map.firstName, map.lastName, map.displayName, map.language, map.civility, ...extra];
  const seen = new Set<string>();
  return names.filter((name): name is string => {
    if (!name || seen.has(name.toLowerCase())) return false;
    seen.add(name.toLowerCase());
    return true;
  });
};

/** Maps an entry; `extra` holds every value of each requested extra attribute (empty list when absent). */
export const toPerson = (entry: LdapEntry, map: AttributeMap, extra: readonly string[] = []): Person => ({
  dn: entry.dn,
  login: firstValueOf(entry, map.login) ?? '',
  mail: firstValueOf(entry, map.mail),
  mailAddresses: valuesOf(entry, map.mail),
  firstName: firstValueOf(entry, map.firstName),
  lastName: firstValueOf(entry, map.lastName),
  firstNames: valuesOf(entry, map.firstName),
  lastNames: valuesOf(entry, map.lastName),
  displayName: firstValueOf(entry, map.displayName),
  civility: map.civility ? firstValueOf(entry, map.civility) : undefined,
  language: firstValueOf(entry, map.language),
  extra: Object.fromEntries(extra.map((name) => [name, valuesOf(entry, name)])),
});
