/**
 * Once the directory holds the new password, the change is done: Redis failing at the next step
 * (revoking the account's reset links) must not turn it into an error answer. Found by the soak
 * (a Redis restart answered 503 for changes that had happened); here with fakes, every time.
 */
import { describe, expect, it } from 'vitest';
import { PasserelleError } from '../../../src/errors.ts';
import { changePassword, type ChangeDeps } from '../../../src/flows/change/change.ts';
import type { AuditEvent } from '../../../src/ports/audit.ts';
import type { Person } from '../../../src/ports/directory.ts';
import { defaultPolicy } from '../policy/policies.ts';

const person: Person = { dn: 'uid=camille,ou=people,dc=example,dc=org', login: 'camille', extra: {} };

const deps = (revokeAll: () => Promise<void>) => {
  const audit: AuditEvent[] = [];
  const written: string[] = [];
  const value: ChangeDeps = {
    policy: defaultPolicy,
    estimator: { analyse: async () => ({ strength: { score: 90, level: 4 }, common: false }) },
    failureFloorMs: 0,
    limits: { consume: async () => undefined },
    directory: {
      findByLogin: async () => person,
      verifyPassword: async () => 'ok',
      precheckPassword: async () => [],
      changePassword: async (_person, _current, next) => {
        written.push(next);
      },
    },
    sync: {
      precheck: async () => [],
      prepare: async () => ({ ref: '', login: person.login, sequence: 0, targets: [], deadline: new Date().toISOString() }),
      commit: async () => undefined,
      abandon: async () => undefined,
    },
    audit: { record: async (event) => void audit.push(event) },
    tokens: { revokeAll },
  };
  return { value, audit, written };
};

const meta = { requestId: 'r1', ip: '192.0.2.1', userAgent: 'test', language: 'fr' as const };
const input = { login: 'camille', currentPassword: 'Ancien-Mot-2026!', newPassword: 'Nouvelle-Phrase-2026-Xy!' };

describe('after the directory write', () => {
  it('answers success when the reset links cannot be revoked (Redis down), and the audit says they were not', async () => {
    const { value, audit, written } = deps(async () => {
      throw new PasserelleError('unavailable', 'Redis down');
    });
    const result = await changePassword(value, input, meta);
    expect(result.login).toBe('camille');
    expect(written).toEqual([input.newPassword]);
    expect(audit.find((e) => e.kind === 'password.changed')?.detail).toMatchObject({ route: 'change', linksRevoked: false });
  });

  it('says nothing of the links when they were revoked', async () => {
    const { value, audit } = deps(async () => undefined);
    await changePassword(value, input, meta);
    expect(audit.find((e) => e.kind === 'password.changed')?.detail).not.toHaveProperty('linksRevoked');
  });
});
