/**
 * @module bin/serve
 * `passerelle serve`: loads and validates the config, builds the web runtime and listens; stops
 * cleanly on SIGTERM / SIGINT (in-flight requests finish, connections close).
 */
import { serve } from '@hono/node-server';
import { parseArgs } from 'node:util';
import { composeWeb } from '../compose/web.ts';
import { EXIT, loadConfigOrReport } from './cli.ts';
import { createLogger } from '../lib/logger.ts';
import { serveMetricsOn } from './metrics-listener.ts';

export const serveCommand = async (args: string[]): Promise<number> => {
  const { values } = parseArgs({ args, options: { config: { type: 'string' } } });
  const config = loadConfigOrReport(values.config);
  if (!config) return EXIT.config;
  const logger = createLogger({ level: config.log.level });
  const runtime = composeWeb(config, logger);
  const server = serve({ fetch: runtime.app.fetch, hostname: config.server.host, port: config.server.port }, (info) =>
    logger.info({ address: info.address, port: info.port }, 'passerelle listening'),
  );
  const { metrics } = config.server;
  const metricsServer = metrics.listen ? await serveMetricsOn(metrics.listen, metrics.bearerToken, logger) : undefined;
  if (!metrics.listen && !metrics.bearerToken) logger.warn('metrics are not served: set server.metrics.listen or server.metrics.bearerToken');
  await new Promise<void>((resolveStop) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'stopping');
      metricsServer?.close();
      server.close(() => resolveStop());
      setTimeout(() => resolveStop(), 10_000).unref();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  await runtime.close();
  return 0;
};
