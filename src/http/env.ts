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
import type { ChangeInput } from '../flows/change/input.ts';
import type { ChangeResult } from '../flows/change/change.ts';
import type { PasswordPolicy } from '../policy/types.ts';
import type { SyncStatus } from '../ports/sync.ts';
import type { SyncAdmin } from '../ports/sync-admin.ts';
import type { ForgotInput, ResetTokenInput } from '../flows/reset-mail/input.ts';
import type { ResetResult } from '../flows/reset-mail/confirm.ts';
import type { IdentityInput } from '../flows/reset-identity/input.ts';
import type { ResetTokenGrant } from '../ports/reset-tokens.ts';
import type { ConsoleFlows } from '../flows/console/console.ts';

/** A check behind /readyz: its name and whether it answered. */
export interface ReadinessCheck {
  name: string;
  ok: boolean;
  /** Shown to operators; never a secret. */
  detail?: string | undefined;
  /** A failed check that does not make the instance unready (a sync target down). */
  optional?: boolean | undefined;
}

/** The use cases, already wired to their ports by compose.ts. */
export interface Flows {
  change(input: ChangeInput, meta: RequestMeta): Promise<ChangeResult>;
  /** Reset by e-mail link (absent when `resetMail.enabled` is off): queue the request; same answer for everyone. */
  requestReset?: ((input: ForgotInput, meta: RequestMeta) => Promise<void>) | undefined;
  /** What a reset token is bound to, without using it; throws `token_invalid`. */
  inspectResetToken?: ((token: string, meta: RequestMeta) => Promise<ResetTokenGrant>) | undefined;
  /** Sets the password with a reset token; the token is used up only if the directory takes it. */
  resetWithToken?: ((input: ResetTokenInput, meta: RequestMeta) => Promise<ResetResult>) | undefined;
  /** Reset by identity proof (absent when `resetIdentity.enabled` is off). */
  resetByIdentity?: ((input: IdentityInput, meta: RequestMeta) => Promise<ResetResult>) | undefined;
}

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
