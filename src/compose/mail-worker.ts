/**
 * @module compose/mail-worker
 * The consumer of the `mail` queue (reset links and notices), in the worker process or, with
 * sync.inProcessWorker, in the web process. Loads no HTTP code.
 */
import { resolve } from 'node:path';
import { createRedisAuditLog } from '../adapters/redis/audit-log.ts';
import { createRedis } from '../adapters/redis/connection.ts';
import { createRedisRateLimit } from '../adapters/redis/rate-limit.ts';
import { createRedisResetTokens } from '../adapters/redis/reset-tokens.ts';
import { createSmtpMailer } from '../adapters/smtp/mailer.ts';
import type { Config } from '../config/schema.ts';
import { resetLinkPath } from '../flows/reset-mail/link.ts';
import type { Logger } from '../lib/logger.ts';
import { PROJECT_ROOT } from '../lib/paths.ts';
import { createSealer } from '../lib/seal.ts';
import { createMailComposer } from '../mail/composer.ts';
import { mailHandlers } from '../mail/handlers.ts';
import { loadMailLogo } from '../mail/logo.ts';
import { createMailOutbox } from '../mail/outbox.ts';
import { loadMailTemplates } from '../mail/templates.ts';
import { startMailWorker, type MailWorker } from '../mail/worker.ts';
import type { AuditPort } from '../ports/audit.ts';
import type { DirectoryPort } from '../ports/directory.ts';
import type { RateLimitPort } from '../ports/rate-limit.ts';
import type { ResetTokenStore } from '../ports/reset-tokens.ts';
import { createDirectory } from './directory.ts';

const TEMPLATES = resolve(PROJECT_ROOT, 'templates');

/** What the mail worker shares with the process it runs in. */
export interface MailWorkerParts {
  directory: Pick<DirectoryPort, 'findCandidates'>;
  limits: Pick<RateLimitPort, 'consume'>;
  audit: Pick<AuditPort, 'record'>;
  tokens: Pick<ResetTokenStore, 'issue'>;
}

/** Starts the consumer of the `mail` queue (templates are read now: a broken one stops the start-up). */
export const startMailWorkerWith = (config: Config, logger: Logger, parts: MailWorkerParts): MailWorker => {
  const mailer = createSmtpMailer(config.mail);
  const composer = createMailComposer({
    templates: loadMailTemplates(resolve(TEMPLATES, 'mail')),
    institution: { name: config.institution.name, supportText: config.institution.supportText },
    logo: loadMailLogo({ mailLogoUrl: config.mail.logoUrl, institutionLogoUrl: config.institution.logoUrl, templatesRoot: TEMPLATES }),
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
