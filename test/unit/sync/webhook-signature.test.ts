/**
 * The webhook's signature and encrypted password, checked with the verifier published in
 * docs/sync.md (extracted from the document and run as is), so the documentation cannot drift
 * from what Passerelle sends.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { encryptCompactJwe } from '../../../src/sync/targets/jwe.ts';
import { signWebhook } from '../../../src/sync/targets/webhook.ts';

interface Verifier {
  verifyPasserelleWebhook(input: { secret: string; rawBody: string; headers: Record<string, string>; now?: number }): { id: string; login: string; password?: string };
  openPassword(event: { id: string; login: string; password?: string }, privateKeyPem: string): string;
}

let verifier: Verifier;
const secret = 'a-webhook-secret-of-at-least-32-characters';
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

beforeAll(async () => {
  const doc = readFileSync(resolve(import.meta.dirname, '../../../docs/sync.md'), 'utf8');
  const code = doc.match(/<!-- verifier:start -->\n```js\n([\s\S]*?)\n```\n<!-- verifier:end -->/)?.[1];
  if (!code) throw new Error('docs/sync.md has no verifier block');
  const file = join(mkdtempSync(join(tmpdir(), 'verifier-')), 'verifier.mjs');
  writeFileSync(file, code);
  verifier = (await import(pathToFileURL(file).href)) as Verifier;
});

const request = (event: object, timestamp: number) => {
  const rawBody = JSON.stringify(event);
  return { rawBody, headers: { 'passerelle-signature': signWebhook(secret, rawBody, timestamp), 'passerelle-event-id': (event as { id: string }).id } };
};

describe('webhook signature (HMAC-SHA256 over "<t>.<body>")', () => {
  const event = { type: 'password.changed', id: 'cAbCdEfGhIjKlMnOp', login: 'jdupont', sequence: 2 };
  const now = Date.UTC(2026, 10, 25, 12);

  it('has the documented header shape', () => {
    expect(signWebhook(secret, '{}', 1_764_072_000)).toMatch(/^t=1764072000,v1=[0-9a-f]{64}$/);
  });

  it('passes the documented verifier when fresh and untouched', () => {
    const { rawBody, headers } = request(event, Math.floor(now / 1000));
    expect(verifier.verifyPasserelleWebhook({ secret, rawBody, headers, now })).toMatchObject(event);
  });

  it('fails it with another secret, a changed body, or outside the 5-minute window', () => {
    const { rawBody, headers } = request(event, Math.floor(now / 1000));
    expect(() => verifier.verifyPasserelleWebhook({ secret: `${secret}x`, rawBody, headers, now })).toThrow(/signature/);
    expect(() => verifier.verifyPasserelleWebhook({ secret, rawBody: rawBody.replace('jdupont', 'admin'), headers, now })).toThrow(/signature/);
    expect(() => verifier.verifyPasserelleWebhook({ secret, rawBody, headers, now: now + 301_000 })).toThrow(/stale/);
    const old = request(event, Math.floor(now / 1000) - 301);
    expect(() => verifier.verifyPasserelleWebhook({ secret, ...old, now })).toThrow(/stale/);
  });
});

describe('webhook password (compact JWE, RSA-OAEP-256 + A256GCM)', () => {
  const password = 'Orage!Pivoine73 é';
  const event = (sealedFor = { id: 'cAbCdEfGhIjKlMnOp', login: 'jdupont' }) => ({
    id: 'cAbCdEfGhIjKlMnOp',
    login: 'jdupont',
    password: encryptCompactJwe(JSON.stringify({ ...sealedFor, password }), publicKey, '2026-11'),
  });

  it('opens with the receiver’s private key and names its key', () => {
    const sealed = event();
    expect(sealed.password.split('.')).toHaveLength(5);
    expect(JSON.parse(Buffer.from(sealed.password.split('.')[0]!, 'base64url').toString())).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: '2026-11' });
    expect(sealed.password).not.toContain(Buffer.from(password).toString('base64url'));
    expect(verifier.openPassword(sealed, privatePem)).toBe(password);
  });

  it('refuses a password sealed for another event, or tampered with', () => {
    expect(() => verifier.openPassword(event({ id: 'cOtherChange00000', login: 'jdupont' }), privatePem)).toThrow(/another event/);
    const sealed = event();
    const parts = sealed.password.split('.');
    parts[3] = Buffer.from(Buffer.from(parts[3]!, 'base64url').map((byte, i) => (i === 0 ? byte ^ 1 : byte))).toString('base64url');
    expect(() => verifier.openPassword({ ...sealed, password: parts.join('.') }, privatePem)).toThrow();
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => verifier.openPassword(event(), other)).toThrow();
  });
});
