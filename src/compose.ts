/**
 * @module compose
 * The composition root: the only file that names concrete adapters. Config → adapters → flows →
 * the HTTP app (and, later, the worker and the CLI).
 */
import type { Redis } from 'ioredis';
import { createCaptcha } from './adapters/captcha/index.ts';
import { createHibpRangeClient } from './adapters/hibp/range-client.ts';
import { createOpenLdapDirectory } from './adapters/openldap/directory.ts';
import { createRedisAuditLog } from './adapters/redis/audit-log.ts';
import { createRedis } from './adapters/redis/connection.ts';
import { createRedisRateLimit } from './adapters/redis/rate-limit.ts';
import type { Config } from './config/schema.ts';
import { changePassword } from './flows/change/change.ts';
import { createApp } from './http/app.ts';
import type { AppServices } from './http/env.ts';
import type { Logger } from './lib/logger.ts';
import type { PasswordPolicy } from './policy/types.ts';
import type { DirectoryPort } from './ports/directory.ts';
import { readinessChecks } from './readiness.ts';
import { syncWithoutTargets } from './sync/without-targets.ts';
import { createHmac } from 'node:crypto';

export interface WebRuntime {
  app: ReturnType<typeof createApp>;
  services: AppServices;
  directory: DirectoryPort;
  redis: Redis;
  close(): Promise<void>;
}

/** The policy people see and the server enforces: config rules plus the institution's words. */
export const effectivePolicy = (config: Config): PasswordPolicy => {
  const { breached: _breached, ...rules } = config.policy;
  return { ...rules, words: config.institution.words };
};

/** A sub-key for one purpose, so one configured secret never serves two uses directly. */
const deriveKey = (secret: string, purpose: string) => createHmac('sha256', secret).update(purpose).digest('base64url');

const createDirectory = (config: Config, logger: Logger): DirectoryPort => {
  if (config.directory.kind === 'openldap') return createOpenLdapDirectory(config.directory, logger.child({ component: 'directory' }));
  throw new Error('Active Directory as the primary directory is not available in this version');
};

export const composeWeb = (config: Config, logger: Logger): WebRuntime => {
  if (config.captcha.testHook && process.env.NODE_ENV !== 'test' && process.env.PASSERELLE_DEMO !== '1') {
    throw new Error('captcha.testHook is for tests and the demo only (NODE_ENV=test or PASSERELLE_DEMO=1)');
  }
  const redis = createRedis(config.redis, 'web');
  redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  const directory = createDirectory(config, logger);
  const keyPrefix = config.redis.keyPrefix;
  const limits = createRedisRateLimit(redis, keyPrefix, config.rateLimits);
  const audit = createRedisAuditLog(redis, keyPrefix, config.admin.auditRetentionDays, logger);
  const captcha = createCaptcha(config.captcha, { redis, keyPrefix, hmacKey: deriveKey(config.security.cookieSecret, 'captcha') });
  const breached = config.policy.breached.enabled
    ? createHibpRangeClient(config.policy.breached, logger.child({ component: 'hibp' }))
    : undefined;
  const sync = syncWithoutTargets();
  const policy = effectivePolicy(config);

  const services: AppServices = {
    config,
    logger,
    policy,
    captcha,
    flows: {
      change: (input, meta) =>
        changePassword(
          { directory, limits, sync, audit, policy, breached, failureFloorMs: config.server.failureFloorMs },
          input,
          meta,
        ),
    },
    readiness: readinessChecks({ directory, redis }),
    captchaAnswerForTests: config.captcha.testHook ? captcha.answerForTests : undefined,
  };

  return {
    app: createApp(services),
    services,
    directory,
    redis,
    async close() {
      await directory.close();
      redis.disconnect();
    },
  };
};
