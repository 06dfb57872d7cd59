/**
 * @module adapters/captcha
 * Builds the captcha adapter the configuration asks for: the image or the Altcha proof of work.
 */
import type { Config } from '../../config/schema.ts';
import type { CaptchaPort } from '../../ports/captcha.ts';
import { createAltchaCaptcha, type AltchaCaptchaRedis } from './altcha.ts';
import { createImageCaptcha, type ImageCaptchaRedis } from './image.ts';

export interface CaptchaDeps {
  /** The shared ioredis client; give it a `commandTimeout` so a dead Redis fails fast (503). */
  redis: ImageCaptchaRedis & AltchaCaptchaRedis;
  /** `config.redis.keyPrefix`. */
  keyPrefix: string;
  /** A server secret; the adapters derive their own sub-keys from it. */
  hmacKey: string | Uint8Array;
  now?: () => number;
}

/** The port, plus the test hook when `captcha.testHook` is on with the image kind. */
export type Captcha = CaptchaPort & { answerForTests?: (id: string) => string | undefined };

/**
 * @example
 * const captcha = createCaptcha(config.captcha, { redis, keyPrefix: config.redis.keyPrefix, hmacKey });
 * services.captcha = captcha;
 * services.captchaAnswerForTests = captcha.answerForTests; // undefined unless testHook
 */
export const createCaptcha = (config: Config['captcha'], deps: CaptchaDeps): Captcha => {
  const common = { redis: deps.redis, keyPrefix: deps.keyPrefix, hmacKey: deps.hmacKey, ttlSeconds: config.ttlSeconds, ...(deps.now ? { now: deps.now } : {}) };
  if (config.kind === 'altcha') return createAltchaCaptcha({ ...common, maxNumber: config.altchaMaxNumber });
  return createImageCaptcha({ ...common, length: config.length, testHook: config.testHook });
};

export { ALTCHA_ALGORITHM } from './altcha.ts';
export { CAPTCHA_ID_PATTERN, normalizeCaptchaAnswer } from './image.ts';
