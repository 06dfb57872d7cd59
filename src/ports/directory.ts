/**
 * @module ports/directory
 * What the flows ask of the primary directory. Two adapters implement it (OpenLDAP, Active
 * Directory); one contract suite runs against both. Adapters translate every server error into a
 * PasserelleError: `invalid_credentials`, `account_locked`, `policy` (violations with codes
 * starting `directory_`), `write_refused`, `unavailable`.
 */

import type { Violation } from '../errors.ts';

/** A person as the flows see them; attribute names are already mapped from the config. */
export interface Person {
  dn: string;
  login: string;
  mail?: string | undefined;
  /**
   * Every address the entry holds (the mail attribute may be multi-valued: aliases, an old and a
   * new address), `mail` first. The reset form matches the one typed among them.
   */
  mailAddresses?: string[] | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  /**
   * Every value of the name attributes, the first one first: `sn` often holds both the name in
   * use and the birth name (supann), and a person may type either.
   */
  firstNames?: string[] | undefined;
  lastNames?: string[] | undefined;
  displayName?: string | undefined;
  civility?: string | undefined;
  /** Preferred language from the directory, when it holds one. */
  language?: string | undefined;
  /** Raw values of the other attributes asked for (identity proofs, target filters). */
  extra: Record<string, string[]>;
}

/** What a successful check of the current password found. */
export type CredentialCheck =
  /** Bound normally. */
  | 'ok'
  /** The password is right but expired or must be changed (AD 532/773, ppolicy expired): a change is still allowed. */
  | 'must-change';

export interface ResetOptions {
  /** Clear a lock-out set by the directory. */
  unlock: boolean;
  /** Make the person change the password at next log-in. */
  mustChange: boolean;
}

/** Fields the reset-by-mail form may match on; values are as typed (the adapter escapes them). */
export interface PersonQuery {
  login?: string;
  mail?: string;
  firstName?: string;
  lastName?: string;
}

/** Rules the directory itself enforces, as far as it tells (AD domain policy, ppolicy). */
export interface DirectoryPolicy {
  minLength?: number;
  /** Needs three of the four character classes and no login in the password (AD complexity). */
  complexity?: boolean;
  historyLength?: number;
}

export interface DirectoryPort {
  /** Finds one person by login with the service account; null when none (or several) match. */
  findByLogin(login: string, extraAttributes?: string[]): Promise<Person | null>;
  /**
   * Candidates for the reset-by-mail form. The adapter searches loosely (escaped, per-field
   * equality on the attributes); the flow does the accent- and case-insensitive comparison.
   */
  findCandidates(query: PersonQuery, extraAttributes?: string[]): Promise<Person[]>;
  /** Binds as the person; throws invalid_credentials / account_locked. */
  verifyPassword(person: Person, password: string): Promise<CredentialCheck>;
  /** The person's own change, old password proven (the directory applies its own policy and history). */
  changePassword(person: Person, currentPassword: string, newPassword: string, check: CredentialCheck): Promise<void>;
  /** Administrative reset by the service account. */
  resetPassword(person: Person, newPassword: string, options: ResetOptions): Promise<void>;
  /** Whether the person is a member of the group (admin roles, target scoping). */
  isMemberOf(person: Person, groupDn: string): Promise<boolean>;
  /** Whether the person's entry matches an extra LDAP filter (target scoping). */
  matchesFilter(person: Person, filter: string): Promise<boolean>;
  /**
   * The directory's own rules, for the pages and pre-checks; empty when it does not say. With a
   * person, the rules that apply to that person (AD fine-grained policies); else the default ones.
   */
  readPolicy(person?: Person): Promise<DirectoryPolicy>;
  /**
   * The rules of `readPolicy(person)` applied to a candidate, counted the way this directory counts
   * them (slapd: bytes; AD: UTF-16 units, Windows complexity): violations with `source: 'directory'`,
   * found before anything is written. History and minimum age need the server: not checked here.
   */
  precheckPassword(person: Person, password: string): Promise<Violation[]>;
  /** Answers when the directory is reachable with the service account (readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
