/**
 * @module adapters/captcha/image
 * The image captcha: distorted characters drawn by the server. Redis holds only a keyed hash of
 * the answer, under `<keyPrefix>:captcha:<id>`, taken back with GETDEL so each image is used once.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { unavailable } from '../../errors.ts';
import type { CaptchaChallenge, CaptchaPort } from '../../ports/captcha.ts';
import { drawCaptcha, randomCaptchaText } from './image-drawing.ts';
import { createTestAnswers, type TestAnswers } from './test-answers.ts';

/** Challenge ids: 16 random bytes in base64url, exactly 22 characters. */
export const CAPTCHA_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** The two Redis commands used (an ioredis client fits): SET with EX, and GETDEL (Redis ≥ 6.2). */
export interface ImageCaptchaRedis {
  set(key: string, value: string, ex: 'EX', seconds: number): Promise<unknown>;
  getdel(key: string): Promise<string | null>;
}

export interface ImageCaptchaOptions {
  redis: ImageCaptchaRedis;
  keyPrefix: string;
  /** Secret for the stored HMAC; without it a Redis dump does not reveal the answers. */
  hmacKey: string | Uint8Array;
  ttlSeconds: number;
  /** Number of characters shown. */
  length: number;
  /** TESTS ONLY: also keep clear answers in this process's memory, for `answerForTests`. */
  testHook?: boolean;
  now?: () => number;
}

export interface ImageCaptcha extends CaptchaPort {
  readonly kind: 'image';
  create(): Promise<Extract<CaptchaChallenge, { kind: 'image' }>>;
  /** Present only when `testHook` is on: the clear answer of a live challenge. */
  answerForTests?: (id: string) => string | undefined;
}

/**
 * What a person may type for the same answer: surrounding spaces, either case, and Unicode
 * compatibility forms (full-width letters from some keyboards) all count as the same text.
 */
export const normalizeCaptchaAnswer = (answer: string): string => answer.normalize('NFKC').trim().toUpperCase();

/**
 * The image captcha adapter.
 * @example const captcha = createImageCaptcha({ redis, keyPrefix: 'passerelle', hmacKey, ttlSeconds: 600, length: 5 });
 */
export const createImageCaptcha = (options: ImageCaptchaOptions): ImageCaptcha => {
  const { redis, keyPrefix, ttlSeconds, length } = options;
  // A sub-key of its own, so that the caller's key can serve other purposes without the hashes
  // stored here ever being usable elsewhere.
  const key = createHmac('sha256', options.hmacKey).update('passerelle/captcha/image/v1').digest();
  const testAnswers: TestAnswers | undefined = options.testHook
    ? createTestAnswers({ ttlMs: ttlSeconds * 1000, ...(options.now ? { now: options.now } : {}) })
    : undefined;

  const redisKey = (id: string) => `${keyPrefix}:captcha:${id}`;
  // The id is part of the hashed text: the same answer under two ids gives unrelated hashes.
  const digest = (id: string, answer: string) =>
    createHmac('sha256', key).update(`${id}\n${normalizeCaptchaAnswer(answer)}`).digest('base64url');

  const captcha: ImageCaptcha = {
    kind: 'image',

    async create() {
      const id = randomBytes(16).toString('base64url');
      const text = randomCaptchaText(length);
      try {
        await redis.set(redisKey(id), digest(id, text), 'EX', ttlSeconds);
      } catch (error) {
        throw unavailable('captcha store', error);
      }
      testAnswers?.remember(id, text);
      return { kind: 'image', id, svg: drawCaptcha(text) };
    },

    async verify(id, answer) {
      // Anything else cannot be one of our ids; refusing it here also keeps odd keys out of Redis.
      if (!CAPTCHA_ID_PATTERN.test(id)) return false;
      testAnswers?.forget(id);
      let stored: string | null;
      try {
        // GETDEL: read and delete in one step, so two concurrent submissions cannot both use it.
        stored = await redis.getdel(redisKey(id));
      } catch (error) {
        throw unavailable('captcha store', error);
      }
      if (stored === null) return false;
      const given = Buffer.from(digest(id, answer));
      const expected = Buffer.from(stored);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
  if (testAnswers) captcha.answerForTests = (id) => testAnswers.get(id);
  return captcha;
};
