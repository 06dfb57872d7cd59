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
  /**
   * The primary write was sent but never answered: it may have taken. The intent stays for the
   * recovery sweep, which asks the primary whether the password binds and queues or drops it;
   * only the login's change lock is released, so that the person may try again.
   */
  release(prepared: PreparedSync): Promise<void>;
}

/** Why a target failed, or why it is still pending after an attempt; people see `sync.reason.<code>` translated. */
export type SyncReason =
  | 'policy'
  | 'rights'
  | 'protected'
  | 'no_entry'
  | 'ambiguous'
  | 'refused'
  | 'unavailable'
  | 'timeout'
  | 'expired'
  | 'discarded'
  | 'internal';

/** What people are shown per target; `superseded` = a newer change of theirs replaced this one there. */
export type PublicTargetState = 'pending' | 'done' | 'failed' | 'superseded';

export interface SyncTargetStatus {
  name: string;
  label: SyncTargetSummary['label'];
  state: PublicTargetState;
  /** ISO time it became final. */
  at?: string | undefined;
  attempts: number;
  reason?: SyncReason | undefined;
}

/** The per-target state of one change, behind its reference (GET /api/v1/password/sync-status/{ref}). */
export interface SyncStatus {
  createdAt: string;
  deadline: string;
  /** No target is pending any more. */
  complete: boolean;
  targets: SyncTargetStatus[];
}
