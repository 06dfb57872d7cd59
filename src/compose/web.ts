/**
 * @module compose/web
 * The web process: config → adapters → flows → the HTTP app (pages, API, console).
 */
import type { Redis } from 'ioredis';
import { createCaptcha } from '../adapters/captcha/index.ts';
import { createHibpRangeClient } from '../adapters/hibp/range-client.ts';
import { createRedisAdminSessions } from '../adapters/redis/admin-sessions.ts';
import { createRedisAuditLog } from '../adapters/redis/audit-log.ts';
import { createRedis } from '../adapters/redis/connection.ts';
import { createRedisRateLimit } from '../adapters/redis/rate-limit.ts';
import { createRedisResetTokens } from '../adapters/redis/reset-tokens.ts';
import type { Config } from '../config/schema.ts';
import { changePassword } from '../flows/change/change.ts';
import { createConsole, type ConsoleFlows } from '../flows/console/console.ts';
import { resetByIdentity } from '../flows/reset-identity/reset-identity.ts';
import { inspectResetToken, resetWithToken } from '../flows/reset-mail/confirm.ts';
import { requestReset } from '../flows/reset-mail/request.ts';
import { createApp } from '../http/app.ts';
import type { AppServices } from '../http/env.ts';
import type { Logger } from '../lib/logger.ts';
import { createSealer } from '../lib/seal.ts';
import { createMailNotifier } from '../mail/notifier.ts';
import { createMailQueue } from '../mail/queue.ts';
import { countingAudit } from '../metrics/audit.ts';
import { countedFlows } from '../metrics/flows.ts';
import { enableProcessMetrics } from '../metrics/registry.ts';
import { watchRedisSettings } from '../metrics/redis.ts';
import type { AuditPort } from '../ports/audit.ts';
import type { DirectoryPort } from '../ports/directory.ts';
import type { RateLimitPort } from '../ports/rate-limit.ts';
import type { SyncAdmin } from '../ports/sync-admin.ts';
import { readinessChecks } from '../readiness.ts';
import { createSyncRuntime } from '../sync/runtime.ts';
import { syncWithoutTargets } from '../sync/without-targets.ts';
import { createDirectory } from './directory.ts';
import { deriveKey } from './keys.ts';
import { startMailWorkerWith } from './mail-worker.ts';
import { effectivePolicy } from './policy.ts';
import { createThreadPoolEstimator } from '../adapters/estimator/thread-pool.ts';
import type { PasswordEstimatorPort } from '../ports/password-estimator.ts';

export interface WebRuntime {
  app: ReturnType<typeof createApp>;
  services: AppServices;
  directory: DirectoryPort;
  redis: Redis;
  close(): Promise<void>;
}

/** The sysadmins' console, when enabled and at least one of its groups is configured. */
const composeConsole = (
  config: Config,
  parts: { directory: DirectoryPort; limits: RateLimitPort; audit: AuditPort; redis: Redis; sync: SyncAdmin | undefined },
): ConsoleFlows | undefined => {
  const { admin } = config;
  if (!admin.enabled || (!admin.sysadminGroup && !admin.helpdeskGroup)) return undefined;
  return createConsole({
    ...parts,
    sessions: createRedisAdminSessions(parts.redis, {
      keyPrefix: config.redis.keyPrefix,
      idleMs: admin.sessionIdleMinutes * 60_000,
      absoluteMs: admin.sessionAbsoluteMinutes * 60_000,
    }),
    targets: config.sync.targets.map((target) => target.name),
    groups: { sysadmin: admin.sysadminGroup, helpdesk: admin.helpdeskGroup },
    promiseMinutes: config.sync.promiseMinutes,
    warnAfterMinutes: config.sync.warnAfterMinutes,
    failureFloorMs: config.server.failureFloorMs,
  });
};

/** What a caller may supply instead of what compose would build (tests share one estimator per process). */
export interface WebOverrides {
  estimator?: PasswordEstimatorPort;
}

export const composeWeb = (config: Config, logger: Logger, overrides: WebOverrides = {}): WebRuntime => {
  if (config.captcha.testHook && process.env.NODE_ENV !== 'test' && process.env.PASSERELLE_DEMO !== '1') {
    throw new Error('captcha.testHook is for tests and the demo only (NODE_ENV=test or PASSERELLE_DEMO=1)');
  }
  const redis = createRedis(config.redis, 'web');
  redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  const directory = createDirectory(config, logger);
  const keyPrefix = config.redis.keyPrefix;
  const limits = createRedisRateLimit(redis, keyPrefix, config.rateLimits);
  const audit = countingAudit(createRedisAuditLog(redis, keyPrefix, config.admin.auditRetentionDays, logger));
  enableProcessMetrics();
  watchRedisSettings(redis);
  const captcha = createCaptcha(config.captcha, { redis, keyPrefix, hmacKey: deriveKey(config.security.cookieSecret, 'captcha') });
  const breached = config.policy.breached.enabled
    ? createHibpRangeClient(config.policy.breached, logger.child({ component: 'hibp' }))
    : undefined;
  // With targets: intents and jobs in Redis (sync/runtime); the workers run here only with sync.inProcessWorker.
  const syncRuntime = config.sync.targets.length > 0 ? createSyncRuntime({ config, logger, directory, role: 'web', redis }) : undefined;
  syncRuntime?.start().catch((error: unknown) => logger.error({ err: error }, 'in-process sync worker did not start'));
  const sync = syncRuntime?.engine ?? syncWithoutTargets();
  const policy = effectivePolicy(config);
  const ownEstimator = overrides.estimator ? undefined : createThreadPoolEstimator({ threads: config.policy.estimatorThreads, logger });
  const estimator = overrides.estimator ?? ownEstimator!;
  const tokens = createRedisResetTokens(redis, keyPrefix);
  const mailQueue = createMailQueue({
    connection: redis,
    keyPrefix,
    sealer: createSealer(config.security.encryptionKeys),
    attempts: config.mail.attempts,
    backoffMs: config.mail.backoffMs,
    logger,
  });
  const notifier = config.mail.notifyOnChange ? createMailNotifier({ queue: mailQueue, logger }) : undefined;
  const mailWorker = config.sync.inProcessWorker ? startMailWorkerWith(config, logger, { directory, limits, audit, tokens }) : undefined;
  const resetDeps = { directory, limits, sync, audit, policy, estimator, breached, notifier, tokens };

  const services: AppServices = {
    config,
    logger,
    policy,
    estimator,
    captcha,
    limits,
    flows: countedFlows({
      change: (input, meta) =>
        changePassword(
          { directory, limits, sync, audit, policy, estimator, breached, notifier, tokens, failureFloorMs: config.server.failureFloorMs },
          input,
          meta,
        ),
      ...(config.resetMail.enabled
        ? {
            requestReset: (input, meta) => requestReset({ limits, audit, queue: mailQueue, match: config.resetMail.match }, input, meta),
            inspectResetToken: (token, meta) => inspectResetToken({ tokens, audit }, token, meta),
            resetWithToken: (input, meta) =>
              resetWithToken({ ...resetDeps, options: { unlock: config.resetMail.unlock, mustChange: config.resetMail.mustChange } }, input, meta),
          }
        : {}),
      ...(config.resetIdentity.enabled
        ? {
            resetByIdentity: (input, meta) =>
              resetByIdentity(
                {
                  ...resetDeps,
                  proofs: config.resetIdentity.proofs,
                  options: { unlock: config.resetIdentity.unlock, mustChange: config.resetIdentity.mustChange },
                  failureFloorMs: config.server.failureFloorMs,
                },
                input,
                meta,
              ),
          }
        : {}),
    }),
    readiness: readinessChecks({ directory, redis, extra: syncRuntime?.readiness }),
    syncStatus: syncRuntime ? (ref) => syncRuntime.engine.status(ref) : undefined,
    syncAdmin: syncRuntime?.admin,
    console: composeConsole(config, { directory, limits, audit, redis, sync: syncRuntime?.admin }),
    captchaAnswerForTests: config.captcha.testHook ? captcha.answerForTests : undefined,
  };

  return {
    app: createApp(services),
    services,
    directory,
    redis,
    async close() {
      await syncRuntime?.close();
      await mailWorker?.close();
      await mailQueue.close();
      await directory.close();
      await ownEstimator?.close();
      redis.disconnect();
    },
  };
};

