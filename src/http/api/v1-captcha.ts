/**
 * @module http/api/v1-captcha
 * GET /api/v1/captcha: a challenge for API callers without an API key. They answer it in the
 * `captcha: { id, answer }` member of the request that needs it.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { newChallenge } from '../captcha-guard.ts';
import type { AppEnv } from '../env.ts';
import { captchaBody } from '../pages/captcha.ts';
import { commonErrors } from './schemas.ts';

const captchaResponse = z
  .object({
    kind: z.enum(['image', 'altcha']).meta({ description: 'Which captcha this server uses (config `captcha.kind`).' }),
    id: z.string().meta({ description: 'Send it back as `captcha.id`.', example: 'hM3kq0vB2x9QxjW1rT6yNg' }),
    svg: z
      .string()
      .optional()
      .meta({
        description:
          'Image kind: the image, as a `data:image/svg+xml;base64,…` URL. Send the characters it shows as `captcha.answer` (case and surrounding spaces do not matter).',
      }),
    challenge: z
      .object({ parameters: z.record(z.string(), z.unknown()), signature: z.string() })
      .optional()
      .meta({
        description:
          'Altcha kind: an ALTCHA protocol-v2 challenge (algorithm SHA-256). Solve it with altcha-lib `solveChallenge` and send base64(JSON `{ challenge, solution }`) as `captcha.answer`.',
      }),
  })
  .meta({ id: 'Captcha' });

const route = createRoute({
  method: 'get',
  path: '/api/v1/captcha',
  tags: ['captcha'],
  summary: 'Get a single-use captcha challenge',
  description:
    'Each challenge can be answered once, right or wrong, within `captcha.ttlSeconds` (default 10 minutes). Callers with an `X-Api-Key` do not need one.',
  responses: {
    200: {
      description: 'A new challenge. Never cached.',
      headers: z.object({ 'Cache-Control': z.string().meta({ example: 'no-store' }) }),
      content: { 'application/json': { schema: captchaResponse } },
    },
    429: commonErrors[429],
    503: commonErrors[503],
  },
});

/** Mounts GET /api/v1/captcha, documented in the OpenAPI document. */
export const registerV1Captcha = (app: OpenAPIHono<AppEnv>) =>
  app.openapi(route, async (c) => {
    const challenge = await newChallenge(c);
    c.header('Cache-Control', 'no-store');
    return c.json(captchaBody(challenge), 200);
  });
