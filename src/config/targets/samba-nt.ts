/**
 * @module config/targets/samba-nt
 * Settings of a `samba-nt` target: an LDAP directory with the Samba 3 schema, whose
 * sambaSamAccount entry for the login gets sambaNTPassword (and sambaPwdLastSet).
 */
import { z } from 'zod';
import { ldapConnection } from '../directory.ts';

export const sambaNtTargetSettings = {
  ...ldapConnection,
  base: z.string().min(1),
  filter: z.string().default('(objectClass=sambaSamAccount)'),
  loginAttribute: z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'an LDAP attribute name').default('uid'),
  /** Also write sambaPwdLastSet (seconds since 1970), as Samba does on a password change. */
  setPwdLastSet: z.boolean().default(true),
};
