/**
 * @module sync/runtime
 * The sync engine wired from config, for compose.ts: targets from the registry, one queue each,
 * the SyncPort for the flows, the status reader, the console's operations, readiness details, and
 * in the worker role (or the web role with `sync.inProcessWorker`) the workers, the recovery
 * sweep and the deadline watch.
 */
import type { ReadinessCheck } from '../ports/readiness.ts';
import { createHmac } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createRedis } from '../adapters/redis/connection.ts';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../lib/logger.ts';
import { createSealer } from '../lib/seal.ts';
import type { DirectoryPort } from '../ports/directory.ts';
import { createSyncAdmin } from './admin.ts';
import type { SyncAdmin } from '../ports/sync-admin.ts';
import { lifetimesOf } from './changes.ts';
import { createDeadlineWatch } from './deadline.ts';
import { createSyncEngine, type SyncEngine } from './engine.ts';
import { syncKeys } from './keys.ts';
import { addQueueSnapshotSource } from './metrics.ts';
import { createSyncQueues } from './queues.ts';
import { createRecoverySweep } from './recovery.ts';
import { createRefCodec } from './ref.ts';
import { createSequenceGuard } from './sequence.ts';
import { createTargets } from './targets/registry.ts';
import { createSyncWorker } from './worker.ts';

export interface SyncRuntimeOptions {
  config: Config;
  logger: Logger;
  directory: Pick<DirectoryPort, 'matchesFilter' | 'isMemberOf' | 'verifyPassword'>;
  /** 'web': the SyncPort and status (plus the worker if `sync.inProcessWorker`); 'worker': the worker. */
  role: 'web' | 'worker';
  /** The web process's fail-fast connection, reused for intents and queueing (web role). */
  redis?: Redis | undefined;
}

export interface SyncRuntime {
  /** The SyncPort for the flows, with `status(ref)` for the sync-status API. */
  engine: SyncEngine;
  admin: SyncAdmin;
  /** One optional check per target (a target down never makes the instance unready). */
  readiness(): Promise<ReadinessCheck[]>;
  /** Starts the workers, the recovery sweep and the deadline watch when this role runs them. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Readiness pings are cached this long, so that a probe every few seconds does not hammer targets. */
const PING_CACHE_MS = 10_000;

export const createSyncRuntime = (options: SyncRuntimeOptions): SyncRuntime => {
  const { config, logger } = options;
  // Each part names itself (component: sync, sync-worker, sync-recovery…): no child binding here.
  const log = logger;
  const keys = syncKeys(config.redis.keyPrefix);
  const sealer = createSealer(config.security.encryptionKeys);
  const targets = createTargets(config.sync.targets, { logger: log });
  const names = config.sync.targets.map((target) => target.name);
  const runsWorker = options.role === 'worker' || config.sync.inProcessWorker;

  const ownsWebRedis = options.role === 'web' && !options.redis;
  const webRedis = options.role === 'web' ? (options.redis ?? createRedis(config.redis, 'web')) : undefined;
  const workerRedis = runsWorker ? createRedis(config.redis, 'worker') : undefined;
  workerRedis?.on('error', (error) => log.warn({ err: error }, 'sync worker redis connection error'));
  const redis = (webRedis ?? workerRedis)!;
  const queues = createSyncQueues(redis, keys, names, log);
  const workerQueues = workerRedis && workerRedis !== redis ? createSyncQueues(workerRedis, keys, names, log) : queues;

  const refKey = createHmac('sha256', config.security.cookieSecret).update('sync-ref').digest('base64url');
  const engine = createSyncEngine({
    sync: config.sync, redis, keys, queues, targets, directory: options.directory, sealer,
    refs: createRefCodec(refKey, config.sync.statusRefMinutes * 60), logger: log,
  });
  const admin = createSyncAdmin({ sync: config.sync, redis, keys, queues });
  const unplugGauges = addQueueSnapshotSource(() => admin.snapshot());

  const background = workerRedis
    ? {
        worker: createSyncWorker({
          config, connection: workerRedis, keys, queues: workerQueues, targets, sealer, logger: log,
          guard: createSequenceGuard(workerRedis, keys, lifetimesOf(config.sync).markSeconds),
        }),
        sweep: createRecoverySweep({ sync: config.sync, redis: workerRedis, keys, queues: workerQueues, sealer, directory: options.directory, logger: log }),
        deadlines: createDeadlineWatch({ sync: config.sync, redis: workerRedis, keys, logger: log }),
      }
    : undefined;

  const pings = new Map<string, { at: number; check: Promise<ReadinessCheck> }>();
  const ping = (name: string): Promise<ReadinessCheck> => {
    const cached = pings.get(name);
    if (cached && Date.now() - cached.at < PING_CACHE_MS) return cached.check;
    const check = targets
      .get(name)!
      .ping()
      .then(
        (): ReadinessCheck => ({ name: `sync-target:${name}`, ok: true, optional: true }),
        (error: unknown): ReadinessCheck => ({
          name: `sync-target:${name}`,
          ok: false,
          optional: true,
          detail: `${error instanceof Error ? error.message : String(error)}; changes wait in its queue and are retried`,
        }),
      );
    pings.set(name, { at: Date.now(), check });
    return check;
  };

  return {
    engine,
    admin,
    readiness: () => Promise.all(names.map(ping)),
    async start() {
      if (!background) return;
      await background.worker.start();
      background.sweep.start();
      background.deadlines.start();
    },
    async close() {
      unplugGauges();
      if (background) {
        await Promise.all([background.sweep.stop(), background.deadlines.stop()]);
        await background.worker.close();
      }
      const allQueues = new Set([...queues.values(), ...workerQueues.values()]);
      await Promise.all([...allQueues].map((queue) => queue.close().catch(() => undefined)));
      await Promise.all([...targets.values()].map((target) => target.close().catch(() => undefined)));
      workerRedis?.disconnect();
      if (ownsWebRedis) webRedis?.disconnect();
    },
  };
};
