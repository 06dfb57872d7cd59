/**
 * @module adapters/ldap/search
 * Searches that return plain string attributes, keyed by lower-cased attribute name (LDAP names
 * are case-insensitive: the server may answer `givenname` for `givenName`), and the root DSE.
 */
import type { Client } from 'ldapts';

export interface LdapEntry {
  dn: string;
  /** Lower-cased attribute name → values as UTF-8 strings. */
  attributes: Record<string, string[]>;
}

export interface EntrySearch {
  scope?: 'base' | 'one' | 'sub';
  /** Complete filter; every typed value in it escaped with escapeFilterValue. */
  filter?: string;
  /** Attributes to return; `['1.1']` for none. */
  attributes?: string[];
  /** 0 = no limit. With a limit, ldapts returns what came before sizeLimitExceeded (RFC 4511 code 4). */
  sizeLimit?: number;
}

const asStrings = (value: unknown): string[] => {
  const values = Array.isArray(value) ? value : [value];
  return values.map((item) => (Buffer.isBuffer(item) ? item.toString('utf8') : String(item)));
};

/** Searches and returns the entries with string values. Result codes are rethrown as raised. */
export const searchEntries = async (client: Client, base: string, search: EntrySearch = {}): Promise<LdapEntry[]> => {
  const { searchEntries: entries } = await client.search(base, {
    scope: search.scope ?? 'sub',
    filter: search.filter ?? '(objectClass=*)',
    attributes: search.attributes ?? [],
    sizeLimit: search.sizeLimit ?? 0,
  });
  return entries.map(({ dn, ...rest }) => ({
    dn,
    attributes: Object.fromEntries(Object.entries(rest).map(([name, value]) => [name.toLowerCase(), asStrings(value)])),
  }));
};

/** The values of one attribute (any case), or an empty list. */
export const valuesOf = (entry: LdapEntry, attribute: string): string[] => entry.attributes[attribute.toLowerCase()] ?? [];

/** The first value of one attribute, or undefined. */
export const firstValueOf = (entry: LdapEntry, attribute: string): string | undefined => valuesOf(entry, attribute)[0];

/** Reads one entry by DN (base scope); null when it does not exist (32) or the filter excludes it. */
export const readEntry = async (client: Client, dn: string, attributes: string[], filter = '(objectClass=*)'): Promise<LdapEntry | null> => {
  try {
    const [entry] = await searchEntries(client, dn, { scope: 'base', filter, attributes });
    return entry ?? null;
  } catch (error) {
    if ((error as { code?: unknown }).code === 32) return null;
    throw error;
  }
};

export const ROOT_DSE_ATTRIBUTES = [
  'namingContexts',
  'defaultNamingContext',
  'supportedExtension',
  'supportedControl',
  'supportedLDAPVersion',
  'vendorName',
  'vendorVersion',
];

/** Reads the root DSE (RFC 4512 §5.1): what the server supports and which naming contexts it holds. */
export const readRootDse = async (client: Client, attributes: string[] = ROOT_DSE_ATTRIBUTES): Promise<LdapEntry> => {
  const entry = await readEntry(client, '', attributes);
  return entry ?? { dn: '', attributes: {} };
};
