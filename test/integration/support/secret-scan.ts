/**
 * @module test/integration/support/secret-scan
 * Looks for thousands of secrets at once in logs, Redis dumps, append-only files and HTTP answers:
 * each password in clear, base64, base64url, hex (both cases), UTF-16LE base64 and as its NT hash
 * (both cases). One pass per text, through a map keyed on each form's first characters, so that
 * 20,000 forms over megabytes of logs take a second, not an hour.
 */
import { ntHash } from '../../../src/sync/targets/md4.ts';

export interface SecretHit {
  /** Where: a log file, a Redis key, "answer #12"… */
  source: string;
  /** Which form matched ("clear", "base64", "nt-hash"…). */
  form: string;
  /** Some context around the hit, with the secret itself masked. */
  excerpt: string;
}

/** The forms a password can take in a stored or logged value. */
export const passwordForms = (secret: string): { form: string; value: string }[] => {
  const bytes = Buffer.from(secret, 'utf8');
  const nt = ntHash(secret);
  return [
    { form: 'clear', value: secret },
    { form: 'base64', value: bytes.toString('base64') },
    { form: 'base64url', value: bytes.toString('base64url') },
    { form: 'hex', value: bytes.toString('hex') },
    { form: 'HEX', value: bytes.toString('hex').toUpperCase() },
    { form: 'utf16le-base64', value: Buffer.from(secret, 'utf16le').toString('base64') },
    { form: 'nt-hash', value: nt },
    { form: 'nt-hash-lower', value: nt.toLowerCase() },
  ];
};

const KEY = 12;

/** A scanner for `secrets` (each at least 12 characters long in every form). */
export const secretScanner = (secrets: Iterable<string>) => {
  const byPrefix = new Map<string, { form: string; value: string }[]>();
  for (const secret of secrets) {
    if (secret.length < KEY) throw new Error(`secret scan: a secret shorter than ${KEY} characters cannot be told from noise`);
    for (const entry of passwordForms(secret)) {
      const key = entry.value.slice(0, KEY);
      const list = byPrefix.get(key);
      if (list) list.push(entry);
      else byPrefix.set(key, [entry]);
    }
  }
  return {
    /** Every hit in `text`. */
    scan(source: string, text: string): SecretHit[] {
      const hits: SecretHit[] = [];
      for (let i = 0; i + KEY <= text.length; i += 1) {
        const candidates = byPrefix.get(text.slice(i, i + KEY));
        if (!candidates) continue;
        for (const { form, value } of candidates) {
          if (text.startsWith(value, i)) {
            hits.push({ source, form, excerpt: `${text.slice(Math.max(0, i - 60), i)}[${form}]${text.slice(i + value.length, i + value.length + 60)}` });
          }
        }
      }
      return hits;
    },
    size: byPrefix.size,
  };
};
