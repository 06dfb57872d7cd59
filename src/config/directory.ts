/**
 * @module config/directory
 * The primary directory: connection, where people live, and which attributes mean what. Each
 * flavour (OpenLDAP, Active Directory) gets its attribute names as defaults here, as data.
 */
import { z } from 'zod';
import { positiveInt } from './common.ts';

/** Connection settings shared by every LDAP-speaking thing (primary directory and sync targets). */
export const ldapConnection = {
  /** ldap://host:389 or ldaps://host:636 */
  url: z.string().regex(/^ldaps?:\/\/[^\s]+$/, 'must be an ldap:// or ldaps:// URL'),
  /** Upgrade an ldap:// connection with StartTLS before binding. */
  startTls: z.boolean().default(false),
  /** PEM file of the CA that signed the server's certificate (else the system store). */
  caFile: z.string().optional(),
  /** Server name to check the certificate against, when the URL holds an IP address. */
  tlsServerName: z.string().optional(),
  /** Only for throwaway test servers. */
  rejectUnauthorized: z.boolean().default(true),
  bindDn: z.string().min(1),
  bindPassword: z.string().min(1),
  timeoutMs: positiveInt.default(5000),
  connectTimeoutMs: positiveInt.default(3000),
  /** Service-account connections kept open and reused. */
  poolSize: positiveInt.max(64).default(4),
  /**
   * Connections kept open for binding as people (each change checks the current password by
   * binding). Size it to the changes you expect at once: beyond it, each extra one pays a TCP + TLS
   * handshake.
   */
  personConnections: positiveInt.max(256).default(16),
};

const attributeMap = (defaults: { login: string; displayName: string }) =>
  z
    .object({
      login: z.string().default(defaults.login),
      mail: z.string().default('mail'),
      firstName: z.string().default('givenName'),
      lastName: z.string().default('sn'),
      displayName: z.string().default(defaults.displayName),
      /** Holds « M. », « Mme »… for the mail greeting; none by default. */
      civility: z.string().optional(),
      /** Preferred language of the person (fr, en), for mails. */
      language: z.string().default('preferredLanguage'),
    })
    .prefault({});

const common = {
  ...ldapConnection,
  /** Where people are searched (subtree). */
  base: z.string().min(1),
  /** Extra filter every person must match, e.g. (objectClass=inetOrgPerson). */
  filter: z.string().default('(objectClass=person)'),
  /**
   * Other attributes a typed login may match when signing in (change, identity proof, console):
   * [mail], or [userPrincipalName] on AD, so that « jdupont@ac-exemple.fr » finds jdupont. The
   * entry's `attributes.login` stays the login everywhere else (audit, sync targets, mails); an
   * entry whose own login is what was typed wins over another that only has it as an alias.
   */
  loginAlso: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9-]*(;[A-Za-z0-9-]+)*$/, 'must be an attribute name')).default([]),
};

const openldap = z
  .object({
    kind: z.literal('openldap'),
    ...common,
    attributes: attributeMap({ login: 'uid', displayName: 'cn' }),
    /** RFC 3062 Password Modify (the server hashes) or a modify of userPassword. */
    passwordWrite: z.enum(['exop', 'modify']).default('exop'),
  })
  .strict();

const activeDirectory = z
  .object({
    kind: z.literal('active-directory'),
    ...common,
    filter: z.string().default('(&(objectCategory=person)(objectClass=user))'),
    /**
     * `login` finds people: sAMAccountName (default), userPrincipalName or mail. The birth date of
     * the identity proof has no standard AD attribute: the test domain keeps it (YYYYMMDD) in
     * msDS-cloudExtensionAttribute1 (see docs/active-directory.md).
     */
    attributes: attributeMap({ login: 'sAMAccountName', displayName: 'displayName' }),
    /**
     * Ask AD to honour password history on administrative resets (the policy-hints control, sent
     * only when the server advertises it: Windows Server 2012 R2 and later; Samba does not).
     */
    policyHints: z.boolean().default(true),
    /** How long the domain's and fine-grained password policies read from AD are reused. */
    policyCacheSeconds: positiveInt.max(86_400).default(300),
  })
  .strict()
  .refine((d) => d.url.startsWith('ldaps://') || d.startTls, {
    message:
      'Active Directory only accepts password writes over LDAPS or StartTLS (it refuses unicodePwd on a clear connection): use ldaps://<server>:636, or keep ldap:// and set startTls: true',
    path: ['url'],
  });

export const directorySection = z.discriminatedUnion('kind', [openldap, activeDirectory]);
export type DirectoryConfig = z.infer<typeof directorySection>;
export type OpenLdapConfig = z.infer<typeof openldap>;
export type ActiveDirectoryConfig = z.infer<typeof activeDirectory>;
export type LdapConnectionConfig = Pick<DirectoryConfig, keyof typeof ldapConnection>;
