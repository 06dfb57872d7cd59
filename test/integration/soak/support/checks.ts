/**
 * @module test/integration/soak/support/checks
 * What must hold once the soak has recovered, as a person or a target's owner would see it:
 * each person logs in with their last accepted password on the primary and on the target, whose
 * NT hash is that password's; no refused password sits anywhere; every accepted change is done
 * or superseded by a newer one (zero lost); and the webhook receiver got each login's changes in
 * sequence order (zero out of order).
 */
import { ntHash } from '../../../../src/sync/targets/md4.ts';
import { canBind, type SlapdHandle } from '../../../harness/index.ts';
import type { Attempt, PersonState } from './load.ts';
import { readStoredPasswords, sshaMatches } from './people.ts';

/** Runs `work` on every item with at most `limit` at once. */
export const inParallel = async <T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
};

export interface PeopleReport {
  checked: number;
  primaryBinds: number;
  targetBinds: number;
  ntHashes: number;
  failures: string[];
}

/** Which of the person's attempts a hash belongs to, for a failure message that can be acted on. */
const whichAttempt = (attempts: Attempt[], login: string, matches: (password: string) => boolean): string => {
  const mine = attempts.filter((a) => a.login === login);
  const index = mine.findIndex((a) => matches(a.newPassword));
  if (index < 0) return 'none of their attempts';
  const a = mine[index]!;
  return `attempt ${index + 1} of ${mine.length} (${a.outcome}${a.status ? ` ${a.status}` : ''} by ${a.instance} at ${(a.at / 1000).toFixed(1)}–${(a.endAt / 1000).toFixed(1)} s${a.ref ? `, change ${a.ref.split('.')[0]}` : ''})`;
};

/** Real binds with the last password on both directories, and the target's NT hash. */
export const checkPeople = async (primary: SlapdHandle, target: SlapdHandle, people: PersonState[], attempts: Attempt[] = []): Promise<PeopleReport> => {
  const stored = await readStoredPasswords(target);
  const report: PeopleReport = { checked: people.length, primaryBinds: 0, targetBinds: 0, ntHashes: 0, failures: [] };
  await inParallel(people, 8, async (person) => {
    if (await canBind(primary.url, person.dn, person.password, primary.caFile)) report.primaryBinds += 1;
    else report.failures.push(`${person.login}: the primary refuses the last accepted password`);
    if (await canBind(target.url, person.dn, person.password, target.caFile)) report.targetBinds += 1;
    else report.failures.push(`${person.login}: the target refuses the last accepted password`);
    if (stored.get(person.login)?.ntPassword === ntHash(person.password)) report.ntHashes += 1;
    else {
      const held = stored.get(person.login)?.ntPassword;
      report.failures.push(`${person.login}: the target's NT hash is not that of the last accepted password but of ${whichAttempt(attempts, person.login, (p) => ntHash(p) === held)}`);
    }
  });
  return report;
};

/** Passwords of refused (and cut, not applied) changes: in neither directory, nor as an NT hash. */
export const checkRefusedAbsent = async (primary: SlapdHandle, target: SlapdHandle, refused: Attempt[]): Promise<string[]> => {
  const [onPrimary, onTarget] = await Promise.all([readStoredPasswords(primary), readStoredPasswords(target)]);
  const found: string[] = [];
  for (const attempt of refused) {
    const p = onPrimary.get(attempt.login);
    const t = onTarget.get(attempt.login);
    const what = `${attempt.login} (${attempt.outcome} ${attempt.status ?? ''} by ${attempt.instance} at ${(attempt.at / 1000).toFixed(1)}–${(attempt.endAt / 1000).toFixed(1)} s)`;
    if (p?.userPassword.some((hash) => sshaMatches(hash, attempt.newPassword))) found.push(`${what}: its password is on the primary`);
    if (t?.userPassword.some((hash) => sshaMatches(hash, attempt.newPassword))) found.push(`${what}: its password is on the target`);
    if (t?.ntPassword === ntHash(attempt.newPassword)) found.push(`${what}: its NT hash is on the target`);
  }
  return found;
};

export interface StatusTarget {
  name: string;
  state: string;
  attempts: number;
}
export interface StatusAnswer {
  complete: boolean;
  targets: StatusTarget[];
}

/** GET /api/v1/password/sync-status/{ref} on `url`. */
export const readSyncStatus = async (url: string, ref: string): Promise<StatusAnswer | { status: number }> => {
  const response = await fetch(`${url}/api/v1/password/sync-status/${encodeURIComponent(ref)}`);
  if (response.status !== 200) return { status: response.status };
  return (await response.json()) as StatusAnswer;
};

export interface WebhookEvent {
  id: string;
  login: string;
  sequence: number;
  /** Arrival order at the receiver. */
  order: number;
}

export interface OrderReport {
  deliveries: number;
  /** The same change delivered again (a retry after a killed worker): harmless, counted. */
  repeats: number;
  /** A change delivered after a newer one of the same login. */
  outOfOrder: string[];
}

/** Per login, the acknowledged deliveries' sequence numbers never go down. */
export const checkDeliveryOrder = (events: WebhookEvent[]): OrderReport => {
  const last = new Map<string, WebhookEvent>();
  const report: OrderReport = { deliveries: events.length, repeats: 0, outOfOrder: [] };
  for (const event of [...events].sort((a, b) => a.order - b.order)) {
    const previous = last.get(event.login);
    if (previous && event.sequence < previous.sequence) {
      report.outOfOrder.push(`${event.login}: sequence ${event.sequence} delivered after ${previous.sequence}`);
      continue;
    }
    if (previous && event.sequence === previous.sequence) report.repeats += 1;
    last.set(event.login, event);
  }
  return report;
};

/** The last delivered event of each login. */
export const lastDelivered = (events: WebhookEvent[]): Map<string, WebhookEvent> => {
  const last = new Map<string, WebhookEvent>();
  for (const event of [...events].sort((a, b) => a.order - b.order)) {
    if ((last.get(event.login)?.sequence ?? -1) <= event.sequence) last.set(event.login, event);
  }
  return last;
};
