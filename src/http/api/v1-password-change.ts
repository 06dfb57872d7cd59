/**
 * @module http/api/v1-password-change
 * POST /api/v1/password/change: the change flow for integrators, with the page's schema.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { changeInput } from '../../flows/change/input.ts';
import { apiKeyName, requireCaptcha } from '../captcha-guard.ts';
import type { AppEnv } from '../env.ts';
import { captchaAnswerSchema, passwordErrors, syncReceiptSchema } from './schemas.ts';
import { requestMeta, syncReceipt } from './request.ts';

const changeRequest = changeInput
  .extend({ captcha: captchaAnswerSchema.optional() })
  .meta({
    id: 'ChangeRequest',
    example: { login: 'jdupont2', currentPassword: 'Ancien-mot-de-passe-1', newPassword: 'Nouvelle phrase de passe 2026 !' },
  });

const route = createRoute({
  method: 'post',
  path: '/api/v1/password/change',
  tags: ['password'],
  summary: 'Change a password, knowing the current one',
  description:
    'Checks the current password by binding as the person, applies the policy (ours, the sync targets’ and the directory’s), writes the directory, then queues the copy to each downstream target.',
  request: { body: { content: { 'application/json': { schema: changeRequest } }, required: true } },
  responses: {
    200: {
      description: 'Changed in the directory; downstream targets will follow before the deadline.',
      content: { 'application/json': { schema: z.object({ status: z.literal('changed'), sync: syncReceiptSchema }) } },
    },
    ...passwordErrors,
  },
});

export const registerV1PasswordChange = (app: OpenAPIHono<AppEnv>) =>
  app.openapi(route, async (c) => {
    const { captcha, ...input } = c.req.valid('json');
    if (!apiKeyName(c)) await requireCaptcha(c, captcha);
    const result = await c.var.services.flows.change(input, requestMeta(c));
    return c.json({ status: 'changed' as const, sync: syncReceipt(c, result.sync) }, 200);
  });
