/**
 * @module http/middleware/metrics
 * Counts every request by method, route *pattern* and status, and times it, for /metrics. The
 * pattern (`/admin/jobs/:target/:id`), never the raw path: a reset token or a login in a URL
 * cannot become a label, and the number of series stays bounded.
 */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { Counter, Histogram } from 'prom-client';
import type { AppEnv } from '../env.ts';

export const httpMetrics = {
  requests: new Counter({
    name: 'passerelle_http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
  }),
  duration: new Histogram({
    name: 'passerelle_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method and route pattern (a stream counts until its end is sent)',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  }),
};

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export const requestMetrics = (): MiddlewareHandler<AppEnv> =>
  async function requestMetricsMiddleware(c, next) {
    const started = performance.now();
    await next();
    const method = METHODS.has(c.req.method) ? c.req.method : 'OTHER';
    // No handler matched: the last pattern is a middleware's ('*', '/static/*'); say so instead.
    const route = c.res.status === 404 ? 'unmatched' : routePath(c, -1);
    httpMetrics.requests.inc({ method, route, status: String(c.res.status) });
    httpMetrics.duration.observe({ method, route }, (performance.now() - started) / 1000);
  };
