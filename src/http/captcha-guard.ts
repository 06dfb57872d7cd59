/**
 * @module http/captcha-guard
 * The captcha check shared by every form and API endpoint: pages always, the API unless the
 * caller presents a configured API key (compared in constant time).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { PasserelleError } from '../errors.ts';
import type { AppEnv } from './env.ts';

export interface CaptchaAnswer {
  id?: string | undefined;
  answer?: string | undefined;
}

/** What the form posted: the image widget's id and text, or the altcha payload. */
export const captchaFromForm = (form: Record<string, string>): CaptchaAnswer =>
  form.altcha !== undefined ? { id: 'altcha', answer: form.altcha } : { id: form.captchaId, answer: form.captchaAnswer };

export const requireCaptcha = async (c: Context<AppEnv>, given: CaptchaAnswer | undefined): Promise<void> => {
  const ok = Boolean(given?.id && given.answer) && (await c.var.services.captcha.verify(given!.id!, given!.answer!));
  if (!ok) throw new PasserelleError('captcha_invalid', 'Captcha missing or wrong');
};

/** A new challenge for this client, within its limit (drawing one writes to Redis). */
export const newChallenge = async (c: Context<AppEnv>) => {
  await c.var.services.limits.consume('captchaPerAddress', c.var.ip);
  return c.var.services.captcha.create();
};

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Name of the API key presented in `X-Api-Key`, if it is one of the configured keys. */
export const apiKeyName = (c: Context<AppEnv>): string | undefined => {
  const presented = c.req.header('x-api-key');
  if (!presented) return undefined;
  const presentedDigest = digest(presented);
  return c.var.services.config.server.apiKeys.find((k) => timingSafeEqual(digest(k.key), presentedDigest))?.name;
};
