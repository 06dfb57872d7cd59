/**
 * @module http/middleware/request-context
 * Gives each request an id, the client address and a child logger, and writes one access-log line
 * when it ends. The line holds the route *pattern*, never the raw path or query, so a reset token
 * in a URL cannot reach the logs.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from '../env.ts';

export interface RequestContextOptions {
  /** Take the client address from the last X-Forwarded-For hop (one trusted reverse proxy). */
  trustProxy: boolean;
}

const clientAddress = (c: Context<AppEnv>, trustProxy: boolean): string => {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded?.split(',').at(-1)?.trim();
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
    return 'unknown';
  }
};

export const requestContext = ({ trustProxy }: RequestContextOptions): MiddlewareHandler<AppEnv> =>
  async function requestContextMiddleware(c, next) {
    const requestId = randomUUID();
    const ip = clientAddress(c, trustProxy);
    const log = c.var.services.logger.child({ requestId });
    c.set('requestId', requestId);
    c.set('ip', ip);
    c.set('log', log);
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    await next();
    const line = {
      method: c.req.method,
      route: routePath(c, -1),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ip,
    };
    if (c.res.status >= 500) log.error(line, 'request');
    else log.info(line, 'request');
  };
