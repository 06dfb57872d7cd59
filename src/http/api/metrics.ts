/**
 * @module http/api/metrics
 * GET /metrics on the main listener, only when `server.metrics.bearerToken` is set, and only with
 * `Authorization: Bearer <token>`. Without a token the metrics are served on
 * `server.metrics.listen` alone (a second listener started by `passerelle serve`), never openly
 * beside the portal.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { PasserelleError } from '../../errors.ts';
import { metricsText } from '../../metrics/registry.ts';
import type { AppEnv } from '../env.ts';

/** Compares digests, so that neither the length nor the content leaks through timing. */
export const bearerMatches = (header: string | undefined, token: string): boolean => {
  const given = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (!given) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(token));
};

export const registerMetrics = (app: OpenAPIHono<AppEnv>) => {
  app.get('/metrics', async (c) => {
    const token = c.var.services.config.server.metrics.bearerToken;
    if (!token) throw new PasserelleError('not_found', 'metrics are served on server.metrics.listen only');
    if (!bearerMatches(c.req.header('authorization'), token)) {
      c.header('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new PasserelleError('unauthenticated', 'metrics need the bearer token');
    }
    const { text, contentType } = await metricsText();
    return c.body(text, 200, { 'Content-Type': contentType });
  });
};
