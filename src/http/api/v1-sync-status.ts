/**
 * @module http/api/v1-sync-status
 * GET /api/v1/password/sync-status/{ref}: where a change stands on each downstream target, for
 * the success page's script and for integrators. `ref` comes from the change's response; it is
 * signed and short-lived, so an unknown, forged and expired one all answer 404 alike.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { PasserelleError } from '../../errors.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { AppEnv } from '../env.ts';
import { errorBodySchema } from './schemas.ts';

const targetStatusSchema = z.object({
  name: z.string().meta({ example: 'domaine-postes' }),
  label: z.string().meta({ example: 'Session Windows' }),
  state: z.enum(['pending', 'done', 'failed', 'superseded']).meta({
    description: '`superseded`: a newer change of the same person replaced this one there (final, like done and failed).',
  }),
  stateText: z.string().meta({ example: 'à jour', description: 'The state in the request’s language.' }),
  at: z.string().optional().meta({ description: 'ISO time the state became final.' }),
  attempts: z.number().int(),
  reason: z.string().optional().meta({ example: 'unavailable', description: 'Why it failed, or why it is still pending after an attempt.' }),
  reasonText: z.string().optional(),
});

const statusSchema = z
  .object({
    createdAt: z.string(),
    deadline: z.string().meta({ description: 'ISO time by which every target will hold the new password.' }),
    complete: z.boolean().meta({ description: 'No target is pending any more: stop polling.' }),
    targets: z.array(targetStatusSchema),
  })
  .meta({ id: 'SyncStatus' });

const route = createRoute({
  method: 'get',
  path: '/api/v1/password/sync-status/{ref}',
  tags: ['password'],
  summary: 'Per-target state of a change',
  description: 'Poll with backoff (1 s, then longer) until `complete` is true.',
  request: { params: z.object({ ref: z.string().min(1).max(200) }) },
  responses: {
    200: { description: 'The state on each target.', content: { 'application/json': { schema: statusSchema } } },
    404: { description: 'Unknown or expired reference.', content: { 'application/json': { schema: errorBodySchema } } },
    503: { description: 'Redis unreachable.', content: { 'application/json': { schema: errorBodySchema } } },
  },
});

/** A transient reason on a target that failed for good means the retries ran out. */
const reasonKey = (state: string, reason: string): MessageKey =>
  (state === 'failed' && (reason === 'unavailable' || reason === 'timeout') ? 'sync.reason.gave_up' : `sync.reason.${reason}`) as MessageKey;

export const registerV1SyncStatus = (app: OpenAPIHono<AppEnv>) =>
  app.openapi(route, async (c) => {
    const { ref } = c.req.valid('param');
    const { t, lang } = c.var;
    const status = c.var.services.syncStatus ? await c.var.services.syncStatus(ref).catch((error: unknown) => {
      throw new PasserelleError('unavailable', 'sync status unavailable', { cause: error, retry: true });
    }) : null;
    if (!status) throw new PasserelleError('not_found', 'No change behind this reference');
    return c.json(
      {
        createdAt: status.createdAt,
        deadline: status.deadline,
        complete: status.complete,
        targets: status.targets.map((target) => ({
          name: target.name,
          label: target.label[lang] ?? target.label.fr,
          state: target.state,
          stateText: t(`sync.state.${target.state}` as MessageKey),
          ...(target.at ? { at: target.at } : {}),
          attempts: target.attempts,
          ...(target.reason ? { reason: target.reason, reasonText: t(reasonKey(target.state, target.reason)) } : {}),
        })),
      },
      200,
    );
  });
