/**
 * @module flows/reset-mail/deliver
 * « Mot de passe oublié », the worker side: search the directory, keep the entries whose every
 * typed field matches (case, accents, spaces and hyphens ignored), then per mailbox one mail with
 * a fresh link per account. Several accounts behind one address (a family mailbox) get one mail
 * naming each login with its own link: the mailbox is the proof. Mail goes only to the address
 * the directory holds, which in the name/mail modes is the one typed.
 */
import { PasserelleError } from '../../errors.ts';
import type { AuditPort } from '../../ports/audit.ts';
import type { DirectoryPort, Person, PersonQuery } from '../../ports/directory.ts';
import type { MailOutboxPort, ResetLink } from '../../ports/mail-outbox.ts';
import type { MailOrigin, MailRecipient } from '../../ports/mail-queue.ts';
import type { RateLimitPort } from '../../ports/rate-limit.ts';
import type { ResetTokenStore } from '../../ports/reset-tokens.ts';
import { fold } from '../../policy/fold.ts';
import type { ResetMatch } from './input.ts';

export interface DeliverResetDeps {
  directory: Pick<DirectoryPort, 'findCandidates'>;
  limits: Pick<RateLimitPort, 'consume'>;
  tokens: Pick<ResetTokenStore, 'issue'>;
  outbox: MailOutboxPort;
  audit: Pick<AuditPort, 'record'>;
  match: ResetMatch;
  tokenTtlMinutes: number;
  /** The link of a token (publicUrl + path); the token never appears anywhere else. */
  linkFor(token: string): string;
}

const sameMail = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Whether a typed name is one of the entry's (any value, case, accents, spaces and hyphens ignored). */
const sameName = (typed: string | undefined, first: string | undefined, all: readonly string[] | undefined): boolean => {
  const names = [first ?? '', ...(all ?? [])];
  return names.some((name) => fold(name) === fold(typed ?? ''));
};

/** Every address of the entry, `mail` first. */
const addressesOf = (person: Person): string[] => [...new Set([...(person.mail ? [person.mail] : []), ...(person.mailAddresses ?? [])])];

/**
 * Where the link goes: in the name and mail modes, the entry's own spelling of the address typed
 * (one of its values, maybe not the first); with the login, the entry's first address.
 */
const mailboxOf = (match: ResetMatch, query: PersonQuery, person: Person): string | undefined =>
  match === 'login' ? person.mail : addressesOf(person).find((address) => sameMail(address, query.mail));

/** Whether a directory entry answers every field typed, the way a person would judge it. */
export const matches = (match: ResetMatch, query: PersonQuery, person: Person): boolean => {
  switch (match) {
    case 'name-and-mail':
      return (
        addressesOf(person).some((address) => sameMail(address, query.mail)) &&
        sameName(query.lastName, person.lastName, person.lastNames) &&
        sameName(query.firstName, person.firstName, person.firstNames)
      );
    case 'login':
      // Exact but case-insensitive, as LDAP compares logins: folding accents could reach another account.
      return person.login.toLowerCase() === (query.login ?? '').trim().toLowerCase();
    case 'mail':
      return addressesOf(person).some((address) => sameMail(address, query.mail));
  }
};

/** What the directory is asked: the mail alone when there is one (names are compared here, folded). */
const searchFor = (match: ResetMatch, query: PersonQuery): PersonQuery =>
  match === 'login' ? { login: query.login?.trim() } : { mail: query.mail?.trim() };

const recipientOf = (person: Person, mail: string): MailRecipient => ({
  login: person.login,
  mail,
  firstName: person.firstName,
  lastName: person.lastName,
  displayName: person.displayName,
  civility: person.civility,
});

const languageOf = (person: Person, fallback: 'fr' | 'en'): 'fr' | 'en' => {
  const stored = person.language?.trim().toLowerCase().slice(0, 2);
  return stored === 'fr' || stored === 'en' ? stored : fallback;
};

export interface DeliverContext {
  /** 0 on the job's first run: only then does a mail count against the account's cap. */
  attempt: number;
}

/**
 * Runs one « Mot de passe oublié » request. Throws `unavailable` (the job is retried) when the
 * directory, Redis or the SMTP server does not answer.
 */
export const deliverResetMail = async (deps: DeliverResetDeps, query: PersonQuery, origin: MailOrigin, context: DeliverContext): Promise<void> => {
  const base = { ip: origin.ip, requestId: origin.requestId };
  const candidates = await deps.directory.findCandidates(searchFor(deps.match, query));
  const found = candidates.filter((person) => matches(deps.match, query, person));
  if (found.length === 0) {
    await deps.audit.record({ kind: 'reset.failed', ...base, outcome: 'failure', detail: { reason: 'no_match', candidates: candidates.length } });
    return;
  }

  // One mail per mailbox (in the name and mail modes there is only one: the typed address).
  const byMailbox = new Map<string, { mail: string; people: Person[] }>();
  for (const person of found) {
    const mailbox = mailboxOf(deps.match, query, person)?.trim();
    if (!mailbox) {
      await deps.audit.record({ kind: 'reset.failed', login: person.login, ...base, outcome: 'failure', detail: { reason: 'no_mail' } });
      continue;
    }
    const key = mailbox.toLowerCase();
    const box = byMailbox.get(key) ?? { mail: mailbox, people: [] };
    box.people.push(person);
    byMailbox.set(key, box);
  }

  for (const { mail, people } of byMailbox.values()) {
    const links: ResetLink[] = [];
    for (const person of people) {
      if (context.attempt === 0) {
        try {
          await deps.limits.consume('resetMailsPerAccount', person.login.toLowerCase());
        } catch (error) {
          if (!(error instanceof PasserelleError && error.code === 'rate_limited')) throw error;
          await deps.audit.record({ kind: 'reset.failed', login: person.login, ...base, outcome: 'failure', detail: { reason: 'mail_cap' } });
          continue;
        }
      }
      const token = await deps.tokens.issue(person.login, Math.max(1, Math.round(deps.tokenTtlMinutes * 60)));
      links.push({ login: person.login, url: deps.linkFor(token) });
    }
    if (links.length === 0) continue;

    const first = people.find((person) => person.login === links[0]!.login)!;
    const common = { validMinutes: deps.tokenTtlMinutes, origin };
    if (links.length === 1) {
      await deps.outbox.send({ event: 'reset-link', to: recipientOf(first, mail), language: languageOf(first, origin.language), link: links[0]!, ...common });
    } else {
      await deps.outbox.send({ event: 'reset-link-shared', to: recipientOf(first, mail), language: origin.language, links, ...common });
      await deps.audit.record({
        kind: 'reset.mail_shared',
        ...base,
        outcome: 'success',
        detail: { logins: links.map((link) => link.login).join(','), accounts: links.length },
      });
    }
    for (const link of links) {
      await deps.audit.record({ kind: 'reset.mailed', login: link.login, ...base, outcome: 'success', detail: { shared: links.length > 1 } });
    }
  }
};
