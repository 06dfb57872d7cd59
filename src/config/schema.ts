/**
 * @module config/schema
 * The whole configuration: one zod schema, with defaults, whose inferred type is `Config`.
 * See config/passerelle.example.yml for every key, annotated.
 */
import { z } from 'zod';
import { directorySection } from './directory.ts';
import { captchaSection, mailSection, rateLimitsSection, resetIdentitySection, resetMailSection } from './flows.ts';
import { policySection } from './policy.ts';
import { institutionSection, logSection, redisSection, securitySection, serverSection } from './server.ts';
import { adminSection, syncSection } from './sync.ts';

export const configSchema = z
  .object({
    server: serverSection,
    institution: institutionSection,
    security: securitySection,
    directory: directorySection,
    redis: redisSection.prefault({}),
    policy: policySection.prefault({}),
    captcha: captchaSection.prefault({}),
    rateLimits: rateLimitsSection.prefault({}),
    mail: mailSection,
    resetMail: resetMailSection.prefault({}),
    resetIdentity: resetIdentitySection.prefault({}),
    sync: syncSection.prefault({}),
    admin: adminSection.prefault({}),
    log: logSection.prefault({}),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
