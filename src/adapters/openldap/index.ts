/**
 * @module adapters/openldap
 * The OpenLDAP implementation of the directory port. Re-exports only.
 */
export { createOpenLdapDirectory } from './directory.ts';
export { translateOpenLdapError, type OpenLdapOperation } from './errors.ts';
