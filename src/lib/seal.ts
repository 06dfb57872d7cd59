/**
 * @module lib/seal
 * AES-256-GCM sealing of small secrets kept in Redis (sync intents and jobs). The sealed form
 * names the key that made it, so keys can be rotated: the first key seals, every listed key opens.
 * Format: `v1.<keyId>.<iv b64url>.<ciphertext b64url>.<tag b64url>`.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface SealKey {
  id: string;
  /** 32 bytes, base64. */
  key: string;
}

export interface Sealer {
  seal(plaintext: string, associatedData?: string): string;
  open(sealed: string, associatedData?: string): string;
}

export class SealError extends Error {
  override name = 'SealError';
}

export const createSealer = (keys: SealKey[]): Sealer => {
  if (keys.length === 0) throw new SealError('at least one key is needed');
  const byId = new Map(keys.map((k) => [k.id, Buffer.from(k.key, 'base64')]));
  const current = keys[0]!;
  const currentKey = byId.get(current.id)!;
  return {
    seal(plaintext, associatedData = '') {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv);
      cipher.setAAD(Buffer.from(associatedData));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return ['v1', current.id, iv.toString('base64url'), body.toString('base64url'), tag.toString('base64url')].join('.');
    },
    open(sealed, associatedData = '') {
      const [version, keyId, iv, body, tag] = sealed.split('.');
      if (version !== 'v1' || !keyId || iv === undefined || body === undefined || tag === undefined) {
        throw new SealError('not a sealed value');
      }
      const key = byId.get(keyId);
      if (!key) throw new SealError(`no key with id ${keyId} is configured`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(associatedData));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SealError('sealed value does not open with its key (tampered or wrong key)');
      }
    },
  };
};
