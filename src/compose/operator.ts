/**
 * @module compose/operator
 * What the operator commands work with: the queues and the audit trail (`passerelle queue`,
 * `audit search`), and every connection the config names (`passerelle check-config`).
 */
import { createRedisAuditLog } from '../adapters/redis/audit-log.ts';
import { createRedis, waitReady } from '../adapters/redis/connection.ts';
import { createSmtpMailer } from '../adapters/smtp/mailer.ts';
import type { Config } from '../config/schema.ts';
import type { ReadinessCheck } from '../ports/readiness.ts';
import type { Logger } from '../lib/logger.ts';
import type { AuditPort } from '../ports/audit.ts';
import type { SyncAdmin } from '../ports/sync-admin.ts';
import { readinessChecks } from '../readiness.ts';
import { createSyncAdmin } from '../sync/admin.ts';
import { syncKeys } from '../sync/keys.ts';
import { createSyncQueues } from '../sync/queues.ts';
import { createTargets } from '../sync/targets/registry.ts';
import { createDirectory } from './directory.ts';

/** What the operator commands (`passerelle queue`, `audit search`) work with. */
export interface OperatorRuntime {
  /** Absent without sync targets. */
  sync?: SyncAdmin | undefined;
  audit: AuditPort;
  close(): Promise<void>;
}

/** The queues and the audit trail on a fail-fast Redis connection; throws when Redis does not answer in time. */
export const composeOperator = async (config: Config, logger: Logger): Promise<OperatorRuntime> => {
  const redis = createRedis(config.redis, 'web');
  redis.on('error', () => undefined);
  const close = async () => redis.disconnect();
  try {
    await waitReady(redis, config.redis.commandTimeoutMs + 1000);
  } catch (error) {
    await close();
    throw error;
  }
  const keys = syncKeys(config.redis.keyPrefix);
  const names = config.sync.targets.map((target) => target.name);
  const queues = names.length > 0 ? createSyncQueues(redis, keys, names, logger) : undefined;
  return {
    sync: queues ? createSyncAdmin({ sync: config.sync, redis, keys, queues }) : undefined,
    audit: createRedisAuditLog(redis, config.redis.keyPrefix, config.admin.auditRetentionDays, logger),
    async close() {
      await Promise.all([...(queues?.values() ?? [])].map((queue) => queue.close().catch(() => undefined)));
      await close();
    },
  };
};

/** `passerelle check-config`: every connection the config names, each tried once. */
export const composeConnectionChecks = (config: Config, logger: Logger) => {
  const redis = createRedis(config.redis, 'web');
  redis.on('error', () => undefined);
  const directory = createDirectory(config, logger);
  const mailer = createSmtpMailer(config.mail);
  const targets = createTargets(config.sync.targets, { logger });
  const attempt = async (name: string, work: () => Promise<unknown>, detail: string): Promise<ReadinessCheck> => {
    try {
      await work();
      return { name, ok: true, detail };
    } catch (error) {
      return { name, ok: false, detail: `${detail}: ${error instanceof Error ? error.message : String(error)}` };
    }
  };
  return {
    async run(): Promise<ReadinessCheck[]> {
      await waitReady(redis, config.redis.commandTimeoutMs).catch(() => undefined);
      const [base, smtp, sync] = await Promise.all([
        readinessChecks({ directory, redis })(),
        attempt('smtp', () => mailer.verify(), `${config.mail.smtp.host}:${config.mail.smtp.port}`),
        Promise.all([...targets.values()].map((target) => attempt(`sync-target:${target.name}`, () => target.ping(), target.kind))),
      ]);
      return [...base, smtp, ...sync];
    },
    async close() {
      await Promise.all([directory.close(), mailer.close(), ...[...targets.values()].map((target) => target.close())].map((p) => p.catch(() => undefined)));
      redis.disconnect();
    },
  };
};
