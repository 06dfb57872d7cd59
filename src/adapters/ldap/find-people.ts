/**
 * @module adapters/ldap/find-people
 * The two people searches of the directory port, the same for every LDAP flavour: by login
 * (exactly one or nobody) and the reset-by-mail candidates (every homonym behind one mailbox).
 * Each adapter supplies how a search runs (its pool, its error translation).
 */
import type { DirectoryPort, Person, PersonQuery } from '../../ports/directory.ts';
import { andFilter, equalityFilter } from './filter.ts';
import { personAttributes, toPerson, type AttributeMap } from './person.ts';
import type { EntrySearch, LdapEntry } from './search.ts';

export interface PeopleSearchSettings {
  /** Where people live (subtree). */
  base: string;
  /** The configured filter every person must match, e.g. (objectClass=inetOrgPerson). */
  filter: string;
  attributes: AttributeMap;
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
      const found = await searchPeople(equalityFilter(map.login, login), extraAttributes, 2);
      return found.length === 1 ? found[0]! : null;
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
