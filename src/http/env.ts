/**
 * @module http/env
 * The typed context every handler sees: request-scoped values set by the middleware, and the
 * services handed over by the composition root. Handlers import no singletons.
 */
import type { Config } from '../config/schema.ts';
import type { Language, Translator } from '../i18n/index.ts';
import type { Logger } from '../lib/logger.ts';
import type { CaptchaPort } from '../ports/captcha.ts';
import type { RateLimitPort } from '../ports/rate-limit.ts';
import type { PasswordEstimatorPort } from '../ports/password-estimator.ts';
import type { RequestMeta } from '../ports/request.ts';
import type { Flows } from '../flows/flows.ts';
import type { ReadinessCheck } from '../ports/readiness.ts';
import type { PasswordPolicy } from '../policy/types.ts';
import type { SyncStatus } from '../ports/sync.ts';
import type { SyncAdmin } from '../ports/sync-admin.ts';
import type { ConsoleFlows } from '../flows/console/console.ts';

export interface AppServices {
  config: Config;
  logger: Logger;
  flows: Flows;
  captcha: CaptchaPort;
  limits: RateLimitPort;
  /** The dictionaries' verdict on a password (strength endpoint). */
  estimator: Pick<PasswordEstimatorPort, 'analyse'>;
  /** The effective policy (config + institution words), as shown on the pages and sent to the meter. */
  policy: PasswordPolicy;
  readiness(): Promise<ReadinessCheck[]>;
  /** Per-target state of a change behind its reference; null when forged, expired or unknown. Absent without sync targets. */
  syncStatus?: ((ref: string) => Promise<SyncStatus | null>) | undefined;
  /** The sync queues' operations for the console and the CLI. Absent without sync targets. */
  syncAdmin?: SyncAdmin | undefined;
  /** The sysadmins' and help desk's console (/admin); absent when `admin.enabled` is off or no group is configured. */
  console?: ConsoleFlows | undefined;
  /** Test configs only: the answer of an image captcha, for browser tests. */
  captchaAnswerForTests?: ((id: string) => string | undefined) | undefined;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    lang: Language;
    t: Translator;
    ip: string;
    services: AppServices;
  };
}

/** Facts about this request for the flows. */
export type { RequestMeta };

export type { Flows, ReadinessCheck };
