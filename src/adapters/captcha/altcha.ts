/**
 * @module adapters/captcha/altcha
 * The Altcha captcha: a signed proof-of-work challenge (altcha-lib, protocol v2, as spoken by the
 * `altcha` widget 3.x). Nothing to read or type, so it works with a screen reader and a keyboard.
 * Redis records each challenge once it has been submitted, so a payload cannot be replayed.
 */
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { createChallenge, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { z } from 'zod';
import { unavailable } from '../../errors.ts';
import type { CaptchaChallenge, CaptchaPort } from '../../ports/captcha.ts';

/**
 * One SHA-256 per counter value (cost 1): the work is then "try up to maxNumber hashes", the same
 * meaning `altchaMaxNumber` had in protocol v1. The browser's worker computes it with WebCrypto.
 */
export const ALTCHA_ALGORITHM = 'SHA-256';

/** A payload is base64 JSON of a few hundred bytes; anything much longer is not one. */
const MAX_PAYLOAD_LENGTH = 4096;

/** The one Redis command used (an ioredis client fits): SET with EX and NX. */
export interface AltchaCaptchaRedis {
  set(key: string, value: string, ex: 'EX', seconds: number, nx: 'NX'): Promise<'OK' | null>;
}

export interface AltchaCaptchaOptions {
  redis: AltchaCaptchaRedis;
  keyPrefix: string;
  /** Secret the challenge signatures are derived from. */
  hmacKey: string | Uint8Array;
  /** Challenge lifetime; the widget fetches a new one after it. */
  ttlSeconds: number;
  /** The largest counter the browser may have to reach (the work is about half of it on average). */
  maxNumber: number;
  now?: () => number;
}

export interface AltchaCaptcha extends CaptchaPort {
  readonly kind: 'altcha';
  create(): Promise<Extract<CaptchaChallenge, { kind: 'altcha' }>>;
}

/** What the widget posts (base64 of this JSON). Loose on parameters: the signature covers them. */
const payloadSchema = z.object({
  challenge: z.object({
    parameters: z.looseObject({
      algorithm: z.literal(ALTCHA_ALGORITHM),
      nonce: z.string().regex(/^[0-9a-f]+$/),
      salt: z.string().regex(/^[0-9a-f]+$/),
      cost: z.number(),
      keyLength: z.number(),
      keyPrefix: z.string(),
      // Our challenges always expire; one without expiry was not made here.
      expiresAt: z.number(),
    }),
    signature: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  solution: z.object({ counter: z.number(), derivedKey: z.string(), time: z.number().optional() }),
});
type Payload = z.infer<typeof payloadSchema>;

const parsePayload = (answer: string): Payload | undefined => {
  if (answer.length === 0 || answer.length > MAX_PAYLOAD_LENGTH) return undefined;
  try {
    const result = payloadSchema.safeParse(JSON.parse(Buffer.from(answer.trim(), 'base64').toString('utf8')));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The Altcha adapter.
 * @example const captcha = createAltchaCaptcha({ redis, keyPrefix: 'passerelle', hmacKey, ttlSeconds: 600, maxNumber: 100_000 });
 */
export const createAltchaCaptcha = (options: AltchaCaptchaOptions): AltchaCaptcha => {
  const { redis, keyPrefix, ttlSeconds, maxNumber } = options;
  const now = options.now ?? Date.now;
  // Two secrets derived from the caller's key: one signs the challenge parameters, the other the
  // expected key, which lets verification skip re-computing the hash (altcha-lib "key signature").
  const subKey = (label: string) => createHmac('sha256', options.hmacKey).update(label).digest('hex');
  const hmacSignatureSecret = subKey('passerelle/captcha/altcha/signature/v1');
  const hmacKeySignatureSecret = subKey('passerelle/captcha/altcha/key-signature/v1');

  /** SET NX: true the first time a challenge is submitted, false for a replay. */
  const useUp = async (signature: string, expiresAt: number): Promise<boolean> => {
    // Kept until the challenge expires on its own; after that the expiry check refuses it anyway.
    const ttl = Math.max(1, Math.ceil(expiresAt - now() / 1000) + 1);
    try {
      return (await redis.set(`${keyPrefix}:captcha:altcha:${signature}`, '1', 'EX', ttl, 'NX')) === 'OK';
    } catch (error) {
      throw unavailable('captcha store', error);
    }
  };

  return {
    kind: 'altcha',

    async create() {
      const id = randomBytes(16).toString('base64url');
      const challenge = await createChallenge({
        algorithm: ALTCHA_ALGORITHM,
        cost: 1,
        deriveKey,
        // Deterministic mode: the server picks the counter the browser must find. Protocol v2
        // counters are uint32, hence the cap.
        counter: randomInt(0, Math.min(maxNumber, 0xffff_ffff) + 1),
        expiresAt: Math.floor(now() / 1000) + ttlSeconds,
        data: { id },
        hmacSignatureSecret,
        hmacKeySignatureSecret,
      });
      return { kind: 'altcha', id, challenge: { parameters: { ...challenge.parameters }, signature: challenge.signature ?? '' } };
    },

    async verify(_id, answer) {
      const payload = parsePayload(answer);
      if (!payload) return false;
      let verified: boolean;
      let ours: boolean;
      try {
        const result = await verifySolution({
          challenge: payload.challenge,
          solution: payload.solution,
          deriveKey,
          hmacSignatureSecret,
          hmacKeySignatureSecret,
        });
        verified = result.verified;
        // A bad signature: not a challenge of ours, nothing to use up. Expired: refused for good.
        ours = result.invalidSignature === false && !result.expired;
      } catch {
        return false;
      }
      if (!ours) return false;
      // Right or wrong, a genuine challenge is now used up (the port's promise: one try each).
      const first = await useUp(payload.challenge.signature, payload.challenge.parameters.expiresAt);
      return first && verified;
    },
  };
};
