/**
 * Once the directory holds the new password, the change is done: Redis failing at the next step
 * (revoking the account's reset links) must not turn it into an error answer. Found by the soak
 * (a Redis restart answered 503 for changes that had happened); here with fakes, every time.
 * And when the write fails: refused, its sync intent is abandoned; sent but never answered (the
 * soak again: slapd stopped under a write it had applied), the intent is left to the recovery
 * sweep and the person is told the outcome is unknown.
 */
import { describe, expect, it } from 'vitest';
import { PasserelleError } from '../../../src/errors.ts';
import { changePassword, type ChangeDeps } from '../../../src/flows/change/change.ts';
import type { AuditEvent } from '../../../src/ports/audit.ts';
import type { Person } from '../../../src/ports/directory.ts';
import { defaultPolicy } from '../policy/policies.ts';

const person: Person = { dn: 'uid=camille,ou=people,dc=example,dc=org', login: 'camille', extra: {} };

const deps = (revokeAll: () => Promise<void>, writeFails?: PasserelleError) => {
  const audit: AuditEvent[] = [];
  const written: string[] = [];
  const intents: string[] = [];
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
        if (writeFails) throw writeFails;
        written.push(next);
      },
    },
    sync: {
      precheck: async () => [],
      prepare: async () => ({ ref: 'ref-1', login: person.login, sequence: 1, targets: [], deadline: new Date().toISOString() }),
      commit: async () => void intents.push('committed'),
      abandon: async () => void intents.push('abandoned'),
      release: async () => void intents.push('left to the recovery sweep'),
    },
    audit: { record: async (event) => void audit.push(event) },
    tokens: { revokeAll },
  };
  return { value, audit, written, intents };
};

const meta = { requestId: 'r1', ip: '192.0.2.1', userAgent: 'test', language: 'fr' as const };
const input = { login: 'camille', currentPassword: 'Ancien-Mot-2026!', newPassword: 'Nouvelle-Phrase-2026-Xy!' };

describe('after the directory write', () => {
  it('answers success when the reset links cannot be revoked (Redis down), and the audit says they were not', async () => {
    const { value, audit, written, intents } = deps(async () => {
      throw new PasserelleError('unavailable', 'Redis down');
    });
    const result = await changePassword(value, input, meta);
    expect(result.login).toBe('camille');
    expect(written).toEqual([input.newPassword]);
    expect(intents).toEqual(['committed']);
    expect(audit.find((e) => e.kind === 'password.changed')?.detail).toMatchObject({ route: 'change', linksRevoked: false });
  });

  it('says nothing of the links when they were revoked', async () => {
    const { value, audit } = deps(async () => undefined);
    await changePassword(value, input, meta);
    expect(audit.find((e) => e.kind === 'password.changed')?.detail).not.toHaveProperty('linksRevoked');
  });

  it('abandons the sync intent when the directory refused the write: nothing was written anywhere', async () => {
    const { value, intents } = deps(async () => undefined, new PasserelleError('unavailable', 'directory unavailable'));
    await expect(changePassword(value, input, meta)).rejects.toMatchObject({ code: 'unavailable' });
    expect(intents).toEqual(['abandoned']);
  });

  it('leaves the intent to the recovery sweep when the write went unanswered, and says the outcome is unknown', async () => {
    const { value, audit, intents } = deps(async () => undefined, new PasserelleError('write_unconfirmed', 'no answer to the write'));
    await expect(changePassword(value, input, meta)).rejects.toMatchObject({ code: 'write_unconfirmed' });
    expect(intents).toEqual(['left to the recovery sweep']);
    expect(audit.find((e) => e.kind === 'password.change_failed')?.detail).toEqual({ reason: 'write_unconfirmed' });
  });
});
