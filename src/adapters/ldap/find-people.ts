/**
 * @module adapters/ldap/find-people
 * The two people searches of the directory port, the same for every LDAP flavour: by login or
 * one of its configured aliases (exactly one or nobody) and the reset-by-mail candidates (every
 * homonym behind one mailbox). Each adapter supplies how a search runs (its pool, its error
 * translation).
 */
import type { DirectoryPort, Person, PersonQuery } from '../../ports/directory.ts';
import { andFilter, equalityFilter, orFilter } from './filter.ts';
import { personAttributes, toPerson, type AttributeMap } from './person.ts';
import type { EntrySearch, LdapEntry } from './search.ts';

export interface PeopleSearchSettings {
  /** Where people live (subtree). */
  base: string;
  /** The configured filter every person must match, e.g. (objectClass=inetOrgPerson). */
  filter: string;
  attributes: AttributeMap;
  /** Other attributes a typed login may match (config directory.loginAlso). */
  loginAlso?: readonly string[];
}

/** Runs one search under `base` (with the service account) and returns string entries. */
export type RunSearch = (base: string, search: EntrySearch) => Promise<LdapEntry[]>;

/** Homonyms share a family mailbox; more than this many people behind one address is not a match. */
export const CANDIDATE_LIMIT = 20;

const present = (value: string | undefined): value is string => value !== undefined && value.length > 0;

export const createPeopleFinder = (
  settings: PeopleSearchSettings,
  runSearch: RunSearch,
): Pick<DirectoryPort, 'findByLogin' | 'findCandidates'> => {
  const map = settings.attributes;
  const searchPeople = async (criteria: string, extra: string[], sizeLimit: number): Promise<Person[]> => {
    const entries = await runSearch(settings.base, {
      filter: andFilter(settings.filter, criteria),
      attributes: personAttributes(map, extra),
      sizeLimit,
    });
    return entries.map((entry) => toPerson(entry, map, extra));
  };

  return {
    async findByLogin(login, extraAttributes = []) {
      if (login.length === 0) return null;
      // Size limit 2: enough to tell "exactly one" from "ambiguous" without reading more.
      const byLogin = equalityFilter(map.login, login);
      const aliases = (settings.loginAlso ?? []).map((attribute) => equalityFilter(attribute, login));
      const found = await searchPeople(orFilter(byLogin, ...aliases), extraAttributes, 2);
      if (found.length === 1) return found[0]!;
      if (found.length === 0 || aliases.length === 0) return null;
      // Two entries answer (one's login is another's alias, or two share an alias): only an
      // entry whose own login it is may be chosen.
      const own = await searchPeople(byLogin, extraAttributes, 2);
      return own.length === 1 ? own[0]! : null;
    },

    async findCandidates(query: PersonQuery, extraAttributes = []) {
      // Login and mail narrow together (AND); names alone only when nothing more precise was
      // typed, since the flow compares them accent- and case-insensitively afterwards.
      let criteria = [
        ...(present(query.login) ? [equalityFilter(map.login, query.login)] : []),
        ...(present(query.mail) ? [equalityFilter(map.mail, query.mail)] : []),
      ];
      if (criteria.length === 0) {
        criteria = [
          ...(present(query.lastName) ? [equalityFilter(map.lastName, query.lastName)] : []),
          ...(present(query.firstName) ? [equalityFilter(map.firstName, query.firstName)] : []),
        ];
      }
      if (criteria.length === 0) return [];
      return searchPeople(andFilter(...criteria), extraAttributes, CANDIDATE_LIMIT);
    },
  };
};
