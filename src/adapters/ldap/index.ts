/**
 * @module adapters/ldap
 * ldapts plumbing shared by the OpenLDAP and Active Directory adapters (and LDAP sync targets).
 */
export { openConnection, resolveTransport, closeConnection, closeQuietly, isUsable, type LdapTransport, type LdapTransportSettings } from './connect.ts';
export { createLdapPool, type LdapPool, type LdapPoolSettings, type RunOptions } from './pool.ts';
export { escapeFilterValue, equalityFilter, andFilter, orFilter } from './filter.ts';
export { searchEntries, readEntry, readRootDse, valuesOf, firstValueOf, ROOT_DSE_ATTRIBUTES, type LdapEntry, type EntrySearch } from './search.ts';
export { resultCodeOf, diagnosticOf, isConnectionFailure, unavailableError, isUnansweredWrite, sendPasswordWrite, unconfirmedWriteError } from './errors.ts';
export { passwordModify, encodePasswordModify, PASSWORD_MODIFY_OID, type PasswordModifyRequest } from './password-modify.ts';
export { personAttributes, toPerson, type AttributeMap } from './person.ts';
export { createPeopleFinder, CANDIDATE_LIMIT, type PeopleSearchSettings, type RunSearch } from './find-people.ts';
