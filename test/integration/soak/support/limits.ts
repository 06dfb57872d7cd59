/**
 * @module test/integration/soak/support/limits
 * Proof that the two web instances share their limits through Redis: the per-login change limit
 * counts the requests made to either instance, and an identity-proof lock-out reached through
 * both instances closes the form on both, for the right proofs too.
 */
import { randomBytes } from 'node:crypto';
import type { Instance } from './load.ts';

const post = async (instance: Instance, path: string, apiKey: string, body: unknown) => {
  const response = await fetch(`${instance.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify(body),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.text() };
};

export interface SharedLimitReport {
  /** Requests each instance received before the limit. */
  perInstance: Record<string, number>;
  statusesBefore: Record<string, number>;
  /** What each instance answered once the shared count was reached. */
  after: Record<string, { status: number; retryAfter: string | null }>;
  bodies: string[];
}

/**
 * `points` wrong changes for one login, half on each instance (each alone stays under the
 * limit), then one more on each: both must refuse with 429.
 */
export const probeChangeLimit = async (instances: [Instance, Instance], apiKey: string, points: number): Promise<SharedLimitReport> => {
  const login = `inconnu${randomBytes(4).toString('hex')}`;
  const change = (instance: Instance) =>
    post(instance, '/api/v1/password/change', apiKey, { login, currentPassword: 'Pas-le-bon-1!', newPassword: 'Jamais-Ecrit-2026-Xy!' });
  const report: SharedLimitReport = { perInstance: {}, statusesBefore: {}, after: {}, bodies: [] };
  const before = await Promise.all(
    Array.from({ length: points }, (_, i) => {
      const instance = instances[i % 2]!;
      report.perInstance[instance.name] = (report.perInstance[instance.name] ?? 0) + 1;
      return change(instance);
    }),
  );
  for (const answer of before) {
    report.statusesBefore[answer.status] = (report.statusesBefore[answer.status] ?? 0) + 1;
    report.bodies.push(answer.body);
  }
  for (const instance of instances) {
    const answer = await change(instance);
    report.after[instance.name] = { status: answer.status, retryAfter: answer.retryAfter };
    report.bodies.push(answer.body);
  }
  return report;
};

export interface LockoutReport {
  /** Statuses of the failures, in order, with the instance each went to. */
  failures: { instance: string; status: number }[];
  /** The right proofs afterwards, on the instance that did not answer the last failure. */
  rightProofs: { instance: string; status: number; retryAfter: string | null };
  bodies: string[];
}

/** Wrong proofs alternating between instances until locked (at most `cap` + 1), then the right ones. */
export const probeIdentityLockout = async (
  instances: [Instance, Instance],
  apiKey: string,
  person: { login: string; employeeNumber: string; birthDate: string },
  cap: number,
  newPassword: string,
): Promise<LockoutReport> => {
  const report: LockoutReport = { failures: [], rightProofs: { instance: '', status: 0, retryAfter: null }, bodies: [] };
  const wrong = { staffNumber: 'PAS-LE-BON', birthDate: '01/01/1901' };
  let i = 0;
  for (; i <= cap; i += 1) {
    const instance = instances[i % 2]!;
    const answer = await post(instance, '/api/v1/reset/identity', apiKey, { login: person.login, proofs: wrong, newPassword });
    report.failures.push({ instance: instance.name, status: answer.status });
    report.bodies.push(answer.body);
    if (answer.status === 429) break;
  }
  const other = instances[(i + 1) % 2]!;
  const [y, m, d] = [person.birthDate.slice(0, 4), person.birthDate.slice(4, 6), person.birthDate.slice(6, 8)];
  const right = await post(other, '/api/v1/reset/identity', apiKey, {
    login: person.login,
    proofs: { staffNumber: person.employeeNumber, birthDate: `${d}/${m}/${y}` },
    newPassword,
  });
  report.rightProofs = { instance: other.name, status: right.status, retryAfter: right.retryAfter };
  report.bodies.push(right.body);
  return report;
};
