/**
 * @module ports/readiness
 * What /readyz reports: one line per dependency. Produced by src/readiness.ts and the sync engine.
 */

/** A check behind /readyz: its name and whether it answered. */
export interface ReadinessCheck {
  name: string;
  ok: boolean;
  /** Shown to operators; never a secret. */
  detail?: string | undefined;
  /** A failed check that does not make the instance unready (a sync target down). */
  optional?: boolean | undefined;
}
