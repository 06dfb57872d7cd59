/**
 * @module config/sync
 * Downstream targets that receive a copy of each password, and the promise made to people.
 * The per-kind settings of each target are validated by the target itself (src/sync/targets).
 */
import { z } from 'zod';
import {
  TARGET_KINDS, TARGET_SETTINGS, activeDirectoryTargetRefinement, webhookTargetRefinement, type TargetKind,
} from './targets/index.ts';
import { positiveInt } from './common.ts';

export const targetBase = z.object({
  /** Short unique name shown to people and sysadmins, e.g. "domaine-postes". */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and hyphens, at most 40'),
  kind: z.enum(TARGET_KINDS),
  /** Label shown to people on the success page. */
  label: z.object({ fr: z.string(), en: z.string().optional() }).optional(),
  /** Only entries of the primary directory matching this LDAP filter get this target. */
  appliesTo: z
    .object({ filter: z.string().optional(), memberOf: z.string().optional() })
    .optional(),
  /** Jobs of this target run at most this many at once (across all worker processes). */
  concurrency: positiveInt.max(64).default(2),
  /** Start paused (the console's pause survives restarts either way; this only forces it on). */
  paused: z.boolean().default(false),
  /** How long one write to this target may take before it counts as a transient failure. */
  timeoutMs: positiveInt.default(10_000),
  /** What this target is known to refuse, checked before the primary write (AD targets read theirs). */
  policy: z
    .object({
      minLength: positiveInt.optional(),
      maxLength: positiveInt.optional(),
      /** Three of the four character classes, and not the login (AD's complexity rule). */
      complexity: z.boolean().optional(),
    })
    .strict()
    .optional(),
});

/** One kind's full schema: the common fields plus that kind's own settings. */
const targetOf = <K extends TargetKind>(kind: K) =>
  targetBase.extend({ kind: z.literal(kind), ...TARGET_SETTINGS[kind] }).strict();

export const targetSection = z.discriminatedUnion('kind', [
  targetOf('ldap'),
  targetOf('active-directory').refine(activeDirectoryTargetRefinement, {
    message: 'Active Directory only accepts password writes over LDAPS or StartTLS: use ldaps:// or set startTls: true',
    path: ['url'],
  }),
  targetOf('samba-nt'),
  targetOf('webhook').refine(webhookTargetRefinement, {
    message: 'includePassword needs publicKeyFile (the receiver’s RSA public key)',
    path: ['publicKeyFile'],
  }),
  targetOf('command'),
]);
export type TargetConfig = z.infer<typeof targetSection>;
export type TargetConfigOf<K extends TargetKind> = Extract<TargetConfig, { kind: K }>;

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
    /** How long a person's change stays visible (status page, console history). */
    historyDays: positiveInt.default(30),
    /**
     * How long the sealed password may wait in Redis for its targets (retries, a sysadmin's retry
     * of a failed job). Deleted as soon as every target is done; past this, a retry cannot run.
     */
    payloadTtlHours: positiveInt.default(72),
    /** Validity of the reference a person polls (GET /api/v1/password/sync-status/{ref}). */
    statusRefMinutes: positiveInt.default(120),
    /** A job whose worker stopped renewing its lock for this long is retried (BullMQ's stalled check). */
    stalledSeconds: positiveInt.default(30),
    /** How often the worker looks for changes past the warning point. */
    deadlineCheckSeconds: positiveInt.default(30),
    /** `passerelle worker` serves its Prometheus metrics here (the web process serves its own). */
    workerMetrics: z.object({ host: z.string().default('127.0.0.1'), port: z.number().int().min(0).max(65535) }).strict().optional(),
    targets: z.array(targetSection).default([]),
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
    /** Console session idle timeout; fractions are accepted (tests use a few seconds). */
    sessionIdleMinutes: z.number().positive().default(15),
    sessionAbsoluteMinutes: positiveInt.default(8 * 60),
    /** Audit events kept in Redis (the JSON logs keep them for as long as you ship them). */
    auditRetentionDays: positiveInt.default(90),
  })
  .strict();
