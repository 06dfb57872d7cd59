/**
 * @module config/targets/active-directory
 * Settings of an `active-directory` target: another AD domain (the workstation-login case) where
 * the account with the same sAMAccountName gets an administrative reset of unicodePwd.
 */
import { z } from 'zod';
import { ldapConnection } from '../directory.ts';

export const activeDirectoryTargetSettings = {
  ...ldapConnection,
  base: z.string().min(1),
  filter: z.string().default('(&(objectCategory=person)(objectClass=user))'),
  loginAttribute: z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'an LDAP attribute name').default('sAMAccountName'),
  /** Ask the domain to honour password history on the reset (Windows AD; Samba ignores it). */
  policyHints: z.boolean().default(true),
  /** Read the domain's minimum length, complexity and history and check them before the primary write. */
  precheckDomainPolicy: z.boolean().default(true),
};

/** AD only accepts password writes over an encrypted connection. */
export const activeDirectoryTargetRefinement = (settings: { url: string; startTls: boolean }) =>
  settings.url.startsWith('ldaps://') || settings.startTls;
