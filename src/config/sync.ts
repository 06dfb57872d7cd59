/**
 * @module config/sync
 * Downstream targets that receive a copy of each password, and the promise made to people.
 * The per-kind settings of each target are validated by the target itself (src/sync/targets).
 */
import { z } from 'zod';
import { positiveInt } from './common.ts';

export const targetBase = z.object({
  /** Short unique name shown to people and sysadmins, e.g. "domaine-postes". */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and hyphens, at most 40'),
  kind: z.enum(['ldap', 'active-directory', 'samba-nt', 'webhook', 'command']),
  /** Label shown to people on the success page. */
  label: z.object({ fr: z.string(), en: z.string().optional() }).optional(),
  /** Only entries of the primary directory matching this LDAP filter get this target. */
  appliesTo: z
    .object({ filter: z.string().optional(), memberOf: z.string().optional() })
    .optional(),
  concurrency: positiveInt.max(64).default(2),
  paused: z.boolean().default(false),
});

export const syncSection = z
  .object({
    /** What people are promised: « effectif sous N minutes ». */
    promiseMinutes: positiveInt.default(30),
    /** A change still pending after this many minutes raises an alert. */
    warnAfterMinutes: positiveInt.default(20),
    /** Attempts per job before it fails for good (transient errors only). */
    attempts: positiveInt.default(12),
    /** First backoff delay; doubles each attempt, with jitter. */
    backoffMs: positiveInt.default(2000),
    /** Run the worker inside the web process (demo, small sites). */
    inProcessWorker: z.boolean().default(false),
    /** Intents older than this are checked by the recovery sweep. */
    recoveryAfterSeconds: positiveInt.default(30),
    targets: z.array(targetBase.passthrough()).default([]),
  })
  .strict()
  .refine((s) => s.warnAfterMinutes < s.promiseMinutes, {
    message: 'warnAfterMinutes must be below promiseMinutes',
    path: ['warnAfterMinutes'],
  })
  .refine((s) => new Set(s.targets.map((t) => t.name)).size === s.targets.length, {
    message: 'target names must be unique',
    path: ['targets'],
  });

export const adminSection = z
  .object({
    enabled: z.boolean().default(true),
    /** DN of the directory group whose members are sysadmins (all actions). */
    sysadminGroup: z.string().optional(),
    /** DN of the help-desk group (read, and retry for one person). */
    helpdeskGroup: z.string().optional(),
    sessionIdleMinutes: positiveInt.default(15),
    sessionAbsoluteMinutes: positiveInt.default(8 * 60),
    /** Audit events kept in Redis (the JSON logs keep them for as long as you ship them). */
    auditRetentionDays: positiveInt.default(90),
  })
  .strict();
