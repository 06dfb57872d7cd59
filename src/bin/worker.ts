/**
 * @module bin/worker
 * `passerelle worker`: the background process. Runs the sync workers (one BullMQ worker per
 * target), the recovery sweep and the deadline watch when sync targets are configured, and the
 * mail worker; serves the Prometheus metrics of this process on `sync.workerMetrics` when set.
 * SIGTERM / SIGINT: stop taking jobs, let running ones finish, close connections.
 */
import { createServer, type Server } from 'node:http';
import { parseArgs } from 'node:util';
import { register } from 'prom-client';
import { composeMailWorker } from '../compose/mail-worker.ts';
import { composeSyncWorker } from '../compose/sync-worker.ts';
import type { Config } from '../config/schema.ts';
import { EXIT, loadConfigOrReport } from './cli.ts';
import { createLogger, type Logger } from '../lib/logger.ts';

/** GET /metrics on the configured address; nothing else is served. */
const serveMetrics = (listen: NonNullable<Config['sync']['workerMetrics']>, logger: Logger): Server => {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    register
      .metrics()
      .then((text) => response.writeHead(200, { 'content-type': register.contentType }).end(text))
      .catch(() => response.writeHead(500).end());
  });
  server.listen(listen.port, listen.host, () => logger.info({ host: listen.host, port: listen.port }, 'worker metrics listening'));
  return server;
};

export const workerCommand = async (args: string[]): Promise<number> => {
  const { values } = parseArgs({ args, options: { config: { type: 'string' } } });
  const config = loadConfigOrReport(values.config);
  if (!config) return EXIT.config;
  const logger = createLogger({ level: config.log.level, name: 'passerelle-worker' });
  const sync = composeSyncWorker(config, logger);
  const mail = composeMailWorker(config, logger);
  await sync?.start();
  const metrics = config.sync.workerMetrics ? serveMetrics(config.sync.workerMetrics, logger) : undefined;
  logger.info({ syncTargets: config.sync.targets.map((target) => target.name) }, 'passerelle worker running');

  await new Promise<void>((resolveStop) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'stopping');
      resolveStop();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  metrics?.close();
  await Promise.all([sync?.close(), mail.close()]);
  return 0;
};
