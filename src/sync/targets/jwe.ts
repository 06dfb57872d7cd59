/**
 * @module sync/targets/jwe
 * Compact JWE (RFC 7516) with RSA-OAEP-256 key wrapping (RFC 7518 §4.3) and A256GCM content
 * encryption (§5.3): how a webhook target sends a password to its receiver. Any JOSE library can
 * open it (e.g. `compactDecrypt` of the `jose` npm package, python-jose, nimbus-jose-jwt); the
 * verifier in docs/sync.md does it with node:crypto alone.
 */
import { constants, createCipheriv, publicEncrypt, randomBytes, type KeyObject } from 'node:crypto';

const b64u = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** Encrypts `plaintext` to `publicKey` (RSA, 2048 bits or more); `kid` names the key for rotation. */
export const encryptCompactJwe = (plaintext: string, publicKey: KeyObject, kid?: string): string => {
  const header = b64u(JSON.stringify({ alg: 'RSA-OAEP-256', enc: 'A256GCM', ...(kid ? { kid } : {}) }));
  const contentKey = randomBytes(32);
  const wrappedKey = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, contentKey);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', contentKey, iv);
  // RFC 7516 §5.1 step 14: the additional authenticated data is the ASCII of the encoded header.
  cipher.setAAD(Buffer.from(header, 'ascii'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [header, b64u(wrappedKey), b64u(iv), b64u(ciphertext), b64u(cipher.getAuthTag())].join('.');
};
