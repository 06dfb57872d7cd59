/**
 * @module http/pages/captcha
 * The browser's captcha routes: a fresh challenge for the « Nouvelle image » script, the Altcha
 * widget's challenge URL, and, in test configurations only, the answer of an image captcha.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { PasserelleError } from '../../errors.ts';
import type { CaptchaChallenge } from '../../ports/captcha.ts';
import { newChallenge } from '../captcha-guard.ts';
import type { AppEnv } from '../env.ts';
import { ALTCHA_CHALLENGE_PATH, CAPTCHA_NEW_PATH, captchaImageUrl } from '../views/captcha.ts';

/** The JSON shape of a challenge, shared with GET /api/v1/captcha: the image as a data: URL. */
export type CaptchaBody =
  | { kind: 'image'; id: string; svg: string }
  | { kind: 'altcha'; id: string; challenge: Extract<CaptchaChallenge, { kind: 'altcha' }>['challenge'] };

/** A challenge as JSON (never carries an answer). */
export const captchaBody = (challenge: CaptchaChallenge): CaptchaBody =>
  challenge.kind === 'image'
    ? { kind: 'image', id: challenge.id, svg: captchaImageUrl(challenge.svg) }
    : { kind: 'altcha', id: challenge.id, challenge: challenge.challenge };

const notFound = () => new PasserelleError('not_found', 'No such page');

/** Each answer is a new single-use challenge: no cache, shared or private, may keep or replay it. */
const noStore = (c: Context<AppEnv>) => c.header('Cache-Control', 'no-store');

/**
 * Mounts GET /captcha/new, GET /captcha/altcha-challenge and GET /test/captcha/:id. The last one
 * answers only when compose.ts set `services.captchaAnswerForTests` (config `captcha.testHook`);
 * otherwise it is the same 404 as any unknown path.
 */
export const registerCaptchaRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.get(CAPTCHA_NEW_PATH, async (c) => {
    const challenge = await newChallenge(c);
    noStore(c);
    return c.json(captchaBody(challenge));
  });

  // The widget expects the bare challenge `{ parameters, signature }` (altcha protocol v2).
  app.get(ALTCHA_CHALLENGE_PATH, async (c) => {
    if (c.var.services.captcha.kind !== 'altcha') throw notFound();
    const challenge = await newChallenge(c);
    if (challenge.kind !== 'altcha') throw notFound();
    noStore(c);
    return c.json(challenge.challenge);
  });

  app.get('/test/captcha/:id', (c) => {
    const answerFor = c.var.services.captchaAnswerForTests;
    if (!answerFor) throw notFound();
    const answer = answerFor(c.req.param('id'));
    if (answer === undefined) throw notFound();
    noStore(c);
    return c.text(answer);
  });
};
