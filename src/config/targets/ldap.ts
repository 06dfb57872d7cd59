/**
 * @module config/targets/ldap
 * Settings of an `ldap` target: another LDAP directory whose entry for the login gets the password,
 * by the Password Modify extended operation (RFC 3062; the server hashes it) or a userPassword modify.
 */
import { z } from 'zod';
import { ldapConnection } from '../directory.ts';

export const ldapTargetSettings = {
  ...ldapConnection,
  /** Where the entries are searched (subtree). */
  base: z.string().min(1),
  /** Extra filter the entry must match. */
  filter: z.string().default('(objectClass=*)'),
  /** Attribute of the target's entry that holds the primary login. */
  loginAttribute: z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'an LDAP attribute name').default('uid'),
  /**
   * `exop`: RFC 3062 Password Modify as the service account (the server hashes and applies its
   * policy); `modify`: replace userPassword (the server must hash it, e.g. ppolicy_hash_cleartext).
   */
  passwordWrite: z.enum(['exop', 'modify']).default('exop'),
};
