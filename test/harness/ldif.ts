/**
 * @module test/harness/ldif
 * Writing LDIF (RFC 2849) for slapadd, and hashing seed passwords with slappasswd: slapadd runs no
 * overlay, so ppolicy_hash_cleartext would not hash them.
 */
import { execFileSync } from 'node:child_process';

export type LdifAttributes = Record<string, string | string[] | undefined>;

/** RFC 2849 SAFE-STRING: ASCII without NUL/CR/LF, not starting with space, ':' or '<'. */
const isSafe = (value: string) => /^[\x01-\x09\x0b\x0c\x0e-\x1f\x21-\x39\x3b\x3d-\x7f][\x01-\x09\x0b\x0c\x0e-\x7f]*$/.test(value) && !value.endsWith(' ');

const line = (name: string, value: string) =>
  value === '' || isSafe(value) ? `${name}: ${value}` : `${name}:: ${Buffer.from(value, 'utf8').toString('base64')}`;

/** One entry: `dn:` first, then each attribute value on its own line (base64 when not plain ASCII). */
export const ldifEntry = (dn: string, attributes: LdifAttributes): string => {
  const lines = [line('dn', dn)];
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) lines.push(line(name, item));
  }
  return `${lines.join('\n')}\n`;
};

const hashes = new Map<string, string>();

/** `{SSHA}` hash of a password, as slappasswd makes it (cached: the seed is rebuilt per instance). */
export const sshaHash = (password: string): string => {
  let hash = hashes.get(password);
  if (!hash) {
    hash = execFileSync('slappasswd', ['-h', '{SSHA}', '-s', password], { encoding: 'utf8' }).trim();
    hashes.set(password, hash);
  }
  return hash;
};
