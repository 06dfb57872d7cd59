/**
 * @module sync/ref
 * The reference a person polls after a change: `<changeId>.<expiry, base36 seconds>.<HMAC>`.
 * Signed so that nobody can read another person's status by guessing ids, short-lived so that an
 * old link stops answering. It names a change, never a login.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface RefCodec {
  /** A reference to change `id`, valid `ttlSeconds` from `now`. */
  sign(id: string, now?: number): string;
  /** The change id when the reference is authentic and not expired; null otherwise. */
  verify(ref: string, now?: number): string | null;
  /** The change id when authentic, expired or not (the engine's own receipts). */
  idOf(ref: string): string | null;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export const createRefCodec = (key: string, ttlSeconds: number): RefCodec => {
  const mac = (body: string) => createHmac('sha256', key).update(`sync-ref:${body}`).digest().subarray(0, 16);
  const parse = (ref: string) => {
    const [id, expiry, signature, ...rest] = ref.split('.');
    if (rest.length > 0 || !id || !expiry || !signature || !ID_PATTERN.test(id) || !/^[0-9a-z]{1,10}$/.test(expiry)) return null;
    const expected = mac(`${id}.${expiry}`);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return { id, expiresAt: parseInt(expiry, 36) * 1000 };
  };
  return {
    sign(id, now = Date.now()) {
      const expiry = Math.ceil(now / 1000 + ttlSeconds).toString(36);
      return `${id}.${expiry}.${mac(`${id}.${expiry}`).toString('base64url')}`;
    },
    verify(ref, now = Date.now()) {
      const parsed = parse(ref);
      return parsed && parsed.expiresAt > now ? parsed.id : null;
    },
    idOf: (ref) => parse(ref)?.id ?? null,
  };
};
