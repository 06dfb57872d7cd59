/**
 * The worker side of « Mot de passe oublié », with fakes for the ports: who matches (accents,
 * case, spaces, hyphens), one mail per mailbox, the per-account cap counted on the first run only,
 * and never a mail to an address other than the one typed.
 */
import { describe, expect, it } from 'vitest';
import { PasserelleError } from '../../../src/errors.ts';
import { deliverResetMail, matches, type DeliverResetDeps } from '../../../src/flows/reset-mail/deliver.ts';
import type { AuditEvent } from '../../../src/ports/audit.ts';
import type { Person, PersonQuery } from '../../../src/ports/directory.ts';
import type { MailMessage } from '../../../src/ports/mail-outbox.ts';

const person = (login: string, fields: Partial<Person>): Person => ({ dn: `uid=${login},ou=people,dc=example,dc=org`, login, extra: {}, ...fields });
const eloise = person('elefevre-dupont', { firstName: 'Éloïse', lastName: 'Lefèvre-Dupont', mail: 'Eloise.Lefevre-Dupont@ac-exemple.fr', language: 'fr' });
const rene = person('rmartin', { firstName: 'René', lastName: 'Martin', mail: 'famille.martin@laposte.net' });
const rene2 = person('rmartin2', { firstName: 'Rene', lastName: 'Martin', mail: 'famille.martin@laposte.net', language: 'en' });
const origin = { requestId: 'r-1', ip: '192.0.2.1', language: 'fr' as const };

const fakes = (directory: Person[], options: { capped?: string[] } = {}) => {
  const sent: MailMessage[] = [];
  const audit: AuditEvent[] = [];
  const consumed: string[] = [];
  const deps: DeliverResetDeps = {
    directory: {
      // As LDAP does: an equality filter on a multi-valued attribute matches any of its values.
      findCandidates: async (query: PersonQuery) =>
        directory.filter((p) =>
          query.mail
            ? [p.mail, ...(p.mailAddresses ?? [])].some((mail) => mail?.toLowerCase() === query.mail!.toLowerCase())
            : p.login.toLowerCase() === query.login?.toLowerCase(),
        ),
    },
    limits: {
      consume: async (_bucket, key) => {
        consumed.push(key);
        if (options.capped?.includes(key)) throw new PasserelleError('rate_limited', 'capped', { details: { retryAfterSeconds: 60 } });
      },
    },
    tokens: { issue: async (login) => `token-of-${login}` },
    outbox: { send: async (message) => void sent.push(message) },
    audit: { record: async (event) => void audit.push(event) },
    match: 'name-and-mail',
    tokenTtlMinutes: 30,
    linkFor: (token) => `https://motdepasse.example/reset/${token}`,
  };
  return { deps, sent, audit, consumed };
};

describe('matches', () => {
  it('ignores case, accents, surrounding spaces and hyphen/space differences', () => {
    expect(matches('name-and-mail', { lastName: ' lefevre dupont ', firstName: 'ELOISE', mail: 'eloise.lefevre-dupont@AC-EXEMPLE.FR' }, eloise)).toBe(true);
    expect(matches('name-and-mail', { lastName: 'Lefèvre', firstName: 'Éloïse', mail: 'eloise.lefevre-dupont@ac-exemple.fr' }, eloise)).toBe(false);
    expect(matches('name-and-mail', { lastName: 'Lefèvre-Dupont', firstName: 'Éloïse', mail: 'autre@ac-exemple.fr' }, eloise)).toBe(false);
  });

  it('compares logins exactly, case aside (no accent folding that could reach another account)', () => {
    expect(matches('login', { login: 'ELEFEVRE-DUPONT' }, eloise)).toBe(true);
    expect(matches('login', { login: 'élefevre-dupont' }, eloise)).toBe(false);
  });
});

describe('deliverResetMail', () => {
  it('one account: one mail with its link, in the person’s language, to the address the directory holds', async () => {
    const { deps, sent, audit } = fakes([eloise, rene]);
    await deliverResetMail(deps, { lastName: 'lefevre dupont', firstName: 'eloise', mail: 'ELOISE.LEFEVRE-DUPONT@ac-exemple.fr' }, origin, { attempt: 0 });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ event: 'reset-link', language: 'fr', to: { mail: 'Eloise.Lefevre-Dupont@ac-exemple.fr' }, link: { login: 'elefevre-dupont', url: 'https://motdepasse.example/reset/token-of-elefevre-dupont' } });
    expect(audit.map((e) => e.kind)).toEqual(['reset.mailed']);
  });

  it('an entry with several addresses: the one typed is matched, and the link goes there, not to the first', async () => {
    const aliased = person('ylegoff', { firstName: 'Yannick', lastName: 'Le Goff', mail: 'ylegoff@ac-exemple.fr', mailAddresses: ['ylegoff@ac-exemple.fr', 'Yannick.Le-Goff@ac-exemple.fr'] });
    const { deps, sent } = fakes([aliased]);
    await deliverResetMail(deps, { lastName: 'le goff', firstName: 'yannick', mail: 'yannick.le-goff@AC-EXEMPLE.fr' }, origin, { attempt: 0 });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ event: 'reset-link', to: { mail: 'Yannick.Le-Goff@ac-exemple.fr' }, link: { login: 'ylegoff' } });
    // With the login, the entry's first address.
    const byLogin = fakes([aliased]);
    await deliverResetMail({ ...byLogin.deps, match: 'login' }, { login: 'YLEGOFF' }, origin, { attempt: 0 });
    expect(byLogin.sent[0]).toMatchObject({ to: { mail: 'ylegoff@ac-exemple.fr' } });
  });

  it('an entry with several last names (name in use and birth name): either one typed is matched', async () => {
    const married = person('amartin', { firstName: 'Anne', lastName: 'Martin', lastNames: ['Martin', 'Le Bihan'], firstNames: ['Anne'], mail: 'anne.martin@ac-exemple.fr' });
    for (const lastName of ['MARTIN', 'le-bihan', 'Le Bihan']) {
      const { deps, sent } = fakes([married]);
      await deliverResetMail(deps, { lastName, firstName: 'anne', mail: 'anne.martin@ac-exemple.fr' }, origin, { attempt: 0 });
      expect(sent, lastName).toHaveLength(1);
    }
    const { deps, sent } = fakes([married]);
    await deliverResetMail(deps, { lastName: 'Martin Le Bihan', firstName: 'anne', mail: 'anne.martin@ac-exemple.fr' }, origin, { attempt: 0 });
    expect(sent).toHaveLength(0);
  });

  it('homonyms sharing a mailbox: one mail naming both logins, and an audit event for the sysadmins', async () => {
    const { deps, sent, audit } = fakes([rene, rene2]);
    await deliverResetMail(deps, { lastName: 'MARTIN', firstName: 'rene', mail: 'famille.martin@laposte.net' }, origin, { attempt: 0 });
    expect(sent).toHaveLength(1);
    const message = sent[0]!;
    expect(message.event).toBe('reset-link-shared');
    expect(message.event === 'reset-link-shared' && message.links.map((l) => l.login)).toEqual(['rmartin', 'rmartin2']);
    expect(audit.find((e) => e.kind === 'reset.mail_shared')?.detail).toEqual({ logins: 'rmartin,rmartin2', accounts: 2 });
  });

  it('nobody matches: no mail, a reset.failed event', async () => {
    const { deps, sent, audit } = fakes([rene]);
    await deliverResetMail(deps, { lastName: 'Durand', firstName: 'René', mail: 'famille.martin@laposte.net' }, origin, { attempt: 0 });
    expect(sent).toEqual([]);
    expect(audit).toMatchObject([{ kind: 'reset.failed', detail: { reason: 'no_match', candidates: 1 } }]);
  });

  it('the per-account cap drops the capped account only, and is counted on the first run only', async () => {
    const { deps, sent, audit, consumed } = fakes([rene, rene2], { capped: ['rmartin'] });
    await deliverResetMail(deps, { lastName: 'Martin', firstName: 'René', mail: 'famille.martin@laposte.net' }, origin, { attempt: 0 });
    expect(sent).toMatchObject([{ event: 'reset-link', link: { login: 'rmartin2' }, language: 'en' }]);
    expect(audit.find((e) => e.kind === 'reset.failed')).toMatchObject({ login: 'rmartin', detail: { reason: 'mail_cap' } });
    consumed.length = 0;
    await deliverResetMail(deps, { lastName: 'Martin', firstName: 'René', mail: 'famille.martin@laposte.net' }, origin, { attempt: 1 });
    expect(consumed).toEqual([]);
  });

  it('an entry without mail gets nothing, and an SMTP failure propagates (the job is retried)', async () => {
    const { deps, audit } = fakes([person('nomail', { firstName: 'Yannick', lastName: 'Le Goff' })], {});
    deps.match = 'login';
    await deliverResetMail(deps, { login: 'NOMAIL' }, origin, { attempt: 0 });
    expect(audit).toMatchObject([{ kind: 'reset.failed', login: 'nomail', detail: { reason: 'no_mail' } }]);
    const failing = fakes([eloise]);
    failing.deps.outbox = { send: async () => Promise.reject(new PasserelleError('unavailable', 'SMTP server unavailable')) };
    await expect(deliverResetMail(failing.deps, { lastName: 'Lefèvre-Dupont', firstName: 'Éloïse', mail: eloise.mail }, origin, { attempt: 0 })).rejects.toMatchObject({ code: 'unavailable' });
  });
});
