/**
 * @module compose
 * The composition root: the only file that names concrete adapters. Config → adapters → flows →
 * the HTTP app (and, later, the worker and the CLI).
 */
import type { Redis } from 'ioredis';
import { createCaptcha } from './adapters/captcha/index.ts';
import { createHibpRangeClient } from './adapters/hibp/range-client.ts';
import { createActiveDirectory } from './adapters/active-directory/directory.ts';
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
import { resolve } from 'node:path';
import { createRedisResetTokens } from './adapters/redis/reset-tokens.ts';
import { createSmtpMailer } from './adapters/smtp/mailer.ts';
import { resetByIdentity } from './flows/reset-identity/reset-identity.ts';
import { inspectResetToken, resetWithToken } from './flows/reset-mail/confirm.ts';
import { requestReset } from './flows/reset-mail/request.ts';
import { resetLinkPath } from './http/pages/reset-link.ts';
import { createSealer } from './lib/seal.ts';
import { createMailComposer } from './mail/composer.ts';
import { mailHandlers } from './mail/handlers.ts';
import { createMailNotifier } from './mail/notifier.ts';
import { createMailOutbox } from './mail/outbox.ts';
import { createMailQueue } from './mail/queue.ts';
import { loadMailLogo } from './mail/logo.ts';
import { loadMailTemplates } from './mail/templates.ts';
import { startMailWorker, type MailWorker } from './mail/worker.ts';
import type { AuditPort } from './ports/audit.ts';
import type { RateLimitPort } from './ports/rate-limit.ts';
import type { ResetTokenStore } from './ports/reset-tokens.ts';
import { syncWithoutTargets } from './sync/without-targets.ts';
import { createSyncRuntime, type SyncRuntime } from './sync/runtime.ts';
import { createHmac } from 'node:crypto';
import { createRedisAdminSessions } from './adapters/redis/admin-sessions.ts';
import { waitReady } from './adapters/redis/connection.ts';
import { createConsole, type ConsoleFlows } from './flows/console/console.ts';
import type { ReadinessCheck } from './http/env.ts';
import { countingAudit } from './metrics/audit.ts';
import { countedFlows } from './metrics/flows.ts';
import { enableProcessMetrics } from './metrics/registry.ts';
import { watchRedisSettings } from './metrics/redis.ts';
import type { SyncAdmin } from './ports/sync-admin.ts';
import { createSyncAdmin } from './sync/admin.ts';
import { syncKeys } from './sync/keys.ts';
import { createSyncQueues } from './sync/queues.ts';
import { createTargets } from './sync/targets/registry.ts';

export interface WebRuntime {
  app: ReturnType<typeof createApp>;
  services: AppServices;
  directory: DirectoryPort;
  redis: Redis;
  close(): Promise<void>;
}

/** The policy people see and the server enforces: config rules plus the institution's words. */
export const effectivePolicy = (config: Config): PasswordPolicy => {
  const { breached, ...rules } = config.policy;
  // Only whether the breach check is on reaches the pages (help panel); not its URL.
  return { ...rules, words: config.institution.words, breached: { enabled: breached.enabled } };
};

/** A sub-key for one purpose, so one configured secret never serves two uses directly. */
const deriveKey = (secret: string, purpose: string) => createHmac('sha256', secret).update(purpose).digest('base64url');

const createDirectory = (config: Config, logger: Logger): DirectoryPort => {
  if (config.directory.kind === 'openldap') return createOpenLdapDirectory(config.directory, logger.child({ component: 'directory' }));
  return createActiveDirectory(config.directory, logger.child({ component: 'directory' }));
};

/** What the mail worker shares with the process it runs in. */
interface MailWorkerParts {
  directory: Pick<DirectoryPort, 'findCandidates'>;
  limits: Pick<RateLimitPort, 'consume'>;
  audit: Pick<AuditPort, 'record'>;
  tokens: Pick<ResetTokenStore, 'issue'>;
}

/** Starts the consumer of the `mail` queue (templates are read now: a broken one stops the start-up). */
const startMailWorkerWith = (config: Config, logger: Logger, parts: MailWorkerParts): MailWorker => {
  const mailer = createSmtpMailer(config.mail);
  const composer = createMailComposer({
    templates: loadMailTemplates(resolve(import.meta.dirname, '../templates/mail')),
    institution: { name: config.institution.name, supportText: config.institution.supportText },
    logo: loadMailLogo({ mailLogoUrl: config.mail.logoUrl, institutionLogoUrl: config.institution.logoUrl, templatesRoot: resolve(import.meta.dirname, '../templates') }),
    publicUrl: config.server.publicUrl,
    timeZone: config.mail.timeZone,
  });
  const outbox = createMailOutbox(composer, mailer);
  const connection = createRedis(config.redis, 'worker');
  const worker = startMailWorker({
    connection,
    keyPrefix: config.redis.keyPrefix,
    sealer: createSealer(config.security.encryptionKeys),
    concurrency: config.mail.concurrency,
    logger,
    handlers: mailHandlers({
      outbox,
      deliver: {
        ...parts,
        outbox,
        match: config.resetMail.match,
        tokenTtlMinutes: config.resetMail.tokenTtlMinutes,
        linkFor: (token) => `${config.server.publicUrl}${resetLinkPath(token)}`,
      },
    }),
  });
  return {
    async close() {
      await worker.close();
      await mailer.close();
      connection.disconnect();
    },
  };
};

/** `passerelle worker`: the mail worker with its own directory and Redis connections. */
export const composeMailWorker = (config: Config, logger: Logger): MailWorker => {
  const redis = createRedis(config.redis, 'worker');
  redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  const directory = createDirectory(config, logger);
  const keyPrefix = config.redis.keyPrefix;
  const worker = startMailWorkerWith(config, logger, {
    directory,
    limits: createRedisRateLimit(redis, keyPrefix, config.rateLimits),
    audit: createRedisAuditLog(redis, keyPrefix, config.admin.auditRetentionDays, logger),
    tokens: createRedisResetTokens(redis, keyPrefix),
  });
  return {
    async close() {
      await worker.close();
      await directory.close();
      redis.disconnect();
    },
  };
};

/** `passerelle worker`: sync workers, recovery sweep and deadline watch; undefined without targets. */
export const composeSyncWorker = (config: Config, logger: Logger): SyncRuntime | undefined => {
  if (config.sync.targets.length === 0) return undefined;
  const directory = createDirectory(config, logger);
  const runtime = createSyncRuntime({ config, logger, directory, role: 'worker' });
  return {
    ...runtime,
    async close() {
      await runtime.close();
      await directory.close();
    },
  };
};

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

export const composeWeb = (config: Config, logger: Logger): WebRuntime => {
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
  const resetDeps = { directory, limits, sync, audit, policy, breached, notifier, tokens };

  const services: AppServices = {
    config,
    logger,
    policy,
    captcha,
    limits,
    flows: countedFlows({
      change: (input, meta) =>
        changePassword(
          { directory, limits, sync, audit, policy, breached, notifier, tokens, failureFloorMs: config.server.failureFloorMs },
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
      redis.disconnect();
    },
  };
};

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
