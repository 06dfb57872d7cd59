/**
 * @module ports/sync
 * What the flows ask of the sync engine: check the new password against the targets' known
 * policies, write a durable encrypted intent *before* the primary write, and turn it into jobs
 * after. See ../shared/notes/sync-invariants.md for why the intent comes first.
 */
import type { Violation } from '../errors.ts';
import type { Person } from './directory.ts';

export type ChangeRoute = 'change' | 'reset-mail' | 'reset-identity' | 'admin';

export interface SyncTargetSummary {
  name: string;
  /** Label shown to people, per language. */
  label: { fr: string; en?: string | undefined };
}

/** The handle of an intent written before the primary write. */
export interface PreparedSync {
  /** Short-lived signed reference the person can poll (sync-status API). */
  ref: string;
  login: string;
  sequence: number;
  targets: SyncTargetSummary[];
  /** ISO time by which every target must hold the password (the promise). */
  deadline: string;
}

export interface SyncPort {
  /** Violations of the applicable targets' known policies (e.g. an AD domain's minimum length). */
  precheck(person: Person, password: string): Promise<Violation[]>;
  /** Writes the encrypted intent; throws `unavailable` when Redis does not answer (nothing written anywhere). */
  prepare(person: Person, password: string, route: ChangeRoute): Promise<PreparedSync>;
  /** After the primary accepted: the intent becomes one job per target. Must not throw (the sweep recovers). */
  commit(prepared: PreparedSync): Promise<void>;
  /** The primary refused: forget the intent. Must not throw. */
  abandon(prepared: PreparedSync): Promise<void>;
}
