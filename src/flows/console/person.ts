/**
 * @module flows/console/person
 * « Mon poste prend encore l'ancien mot de passe »: one search by login gives the person's recent
 * changes and resets (route, time), each target's state with its times and last error, and the
 * audit events that name them (failed attempts, lock-outs, reset mails).
 */
import type { AuditPort, StoredAuditEvent } from '../../ports/audit.ts';
import type { PersonChange, SyncAdmin } from '../../ports/sync-admin.ts';

export interface PersonView {
  login: string;
  /** Newest first, from the sync engine's history (empty without sync targets). */
  changes: PersonChange[];
  /** Newest first, from the audit trail. */
  events: StoredAuditEvent[];
}

export interface PersonDeps {
  sync?: Pick<SyncAdmin, 'personChanges'> | undefined;
  audit: Pick<AuditPort, 'search'>;
}

/** How many audit events the person view shows; the audit view has the rest. */
const EVENTS = 30;

export const readPerson = async (deps: PersonDeps, login: string): Promise<PersonView> => {
  const [changes, events] = await Promise.all([
    deps.sync ? deps.sync.personChanges(login, 20) : Promise.resolve([]),
    deps.audit.search({ login, limit: EVENTS }),
  ]);
  return { login, changes, events };
};
