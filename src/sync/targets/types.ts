/**
 * @module sync/targets/types
 * The one interface every target kind implements, and the shape of a kind's factory. A target
 * gets the password of one change and writes it; it throws `targetError(...)` (sync/target-error)
 * and thereby decides whether a retry may help.
 */
import type { TargetConfigOf } from '../../config/sync.ts';
import type { Violation } from '../../errors.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Person } from '../../ports/directory.ts';
import type { TargetKind } from '../../config/targets/kinds.ts';

/** One password to write. Held in memory for the write only; never logged. */
export interface TargetWrite {
  changeId: string;
  login: string;
  password: string;
  /** The login's change number: newer changes have higher numbers. */
  sequence: number;
  /** When the primary directory accepted the change. */
  changedAt: Date;
}

export interface SyncTarget {
  readonly name: string;
  readonly kind: TargetKind;
  /** The longest one `apply` may take; the per-(target, login) write lock outlives it. */
  readonly timeoutMs: number;
  /**
   * Writes the password. Idempotent: writing the same change twice leaves the same state (the
   * worker may run a job again after a crash). Throws `targetError(...)`.
   */
  apply(write: TargetWrite): Promise<void>;
  /** Violations of what this target is known to refuse, checked before the primary write. */
  precheck(password: string, person: Person): Promise<Violation[]>;
  /** Resolves when the target answers (readyz details, console); throws a targetError otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface TargetContext {
  logger: Logger;
}

/** Builds a target of kind K from its validated config. */
export type TargetFactory<K extends TargetKind> = (config: TargetConfigOf<K>, context: TargetContext) => SyncTarget;
