/**
 * @module http/api/health
 * GET /healthz: the process answers. GET /readyz: the directory and Redis answer (503 otherwise),
 * with details for operators: optional checks (a sync target down, Redis without AOF) are reported
 * without making the instance unready.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';

const checkSchema = z.object({ name: z.string(), ok: z.boolean(), detail: z.string().optional(), optional: z.boolean().optional() });
const readySchema = z.object({ status: z.enum(['ready', 'unready']), checks: z.array(checkSchema) }).meta({ id: 'Readiness' });

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['operations'],
  summary: 'The process is up',
  responses: { 200: { description: 'Up.', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } } },
});

const readyRoute = createRoute({
  method: 'get',
  path: '/readyz',
  tags: ['operations'],
  summary: 'The directory and Redis answer',
  responses: {
    200: { description: 'Ready; `checks` may still report optional problems.', content: { 'application/json': { schema: readySchema } } },
    503: { description: 'A required dependency does not answer.', content: { 'application/json': { schema: readySchema } } },
  },
});

export const registerHealth = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(healthRoute, (c) => c.json({ status: 'ok' as const }, 200));
  app.openapi(readyRoute, async (c) => {
    const checks = await c.var.services.readiness();
    const ready = checks.every((check) => check.ok || check.optional);
    return c.json({ status: ready ? ('ready' as const) : ('unready' as const), checks }, ready ? 200 : 503);
  });
};
