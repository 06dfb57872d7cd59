/**
 * @module bin/metrics-listener
 * The second listener of `passerelle serve`: GET /metrics on `server.metrics.listen` (by default
 * 127.0.0.1), nothing else. When a bearer token is configured it is required here too, so that
 * setting one never leaves an open door.
 */
import { createServer, type Server } from 'node:http';
import { bearerMatches } from '../http/api/metrics.ts';
import type { Logger } from '../lib/logger.ts';
import { metricsText } from '../metrics/registry.ts';

export interface MetricsListen {
  host: string;
  port: number;
}

/** Starts the listener; resolves once it listens (port 0 picks a free one: read `address()`). */
export const serveMetricsOn = (listen: MetricsListen, token: string | undefined, logger: Logger): Promise<Server> =>
  new Promise((resolveServer, reject) => {
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      if (token && !bearerMatches(request.headers.authorization, token)) {
        response.writeHead(401, { 'WWW-Authenticate': 'Bearer realm="metrics"' }).end();
        return;
      }
      metricsText()
        .then(({ text, contentType }) => response.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' }).end(text))
        .catch((error: unknown) => {
          logger.error({ err: error }, 'metrics not collected');
          response.writeHead(500).end();
        });
    });
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      logger.info({ host: listen.host, port: listen.port }, 'metrics listening');
      resolveServer(server);
    });
  });
