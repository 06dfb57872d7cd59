/**
 * @module test/integration/soak/support/load
 * The soak's traffic: password changes through the public API at a steady pace, people picked
 * in random order, each change sent to the next live web instance (no proxy: the client spreads
 * them), and now and then the same person again at once (twice within a second). Every attempt is
 * recorded with what it got. A request cut by a killed instance has an unknown outcome, and so
 * has one answered 503 `write_unconfirmed` (the primary stopped under the write): that person
 * rests until the change lock and the recovery sweep have settled it, then `resolveCut` says
 * whether the primary took the password.
 */
import { soakPassword, type SoakPerson } from './people.ts';

export interface Instance {
  name: string;
  url: string;
  /** The client sends nothing to an instance it knows is down (a load balancer's health check). */
  up: boolean;
  inFlight: number;
}

/** `unconfirmed`: 503 write_unconfirmed, the write sent and not answered; settled like `cut`. */
export type Outcome = 'accepted' | 'refused' | 'limited' | 'cut' | 'unconfirmed' | 'unexpected';

export interface Attempt {
  login: string;
  instance: string;
  /** ms since the load started, when sent and when answered. */
  at: number;
  endAt: number;
  outcome: Outcome;
  status?: number;
  /** The answer's body, for every non-200 (the secrets scan reads them). */
  body?: string;
  newPassword: string;
  ref?: string;
  /** Sent right after the same person's previous change was accepted. */
  double: boolean;
  /** For cut and unconfirmed requests, once resolved: did the primary take it? */
  applied?: boolean;
}

export interface PersonState extends SoakPerson {
  /** The password the primary holds, as far as the client knows. */
  password: string;
  busy: boolean;
  /** Resting after a cut request until this time (ms since start). */
  restUntil: number;
  /** The cut attempt to resolve before this person's next change. */
  pending?: Attempt;
}

export interface LoadOptions {
  people: SoakPerson[];
  instances: Instance[];
  apiKey: string;
  /** Changes to send (doubles included). */
  total: number;
  /** Spread over this long. */
  seconds: number;
  /** At most this many requests in flight. */
  concurrency: number;
  /** Share of accepted changes followed at once by another one of the same person. */
  doubleRate: number;
  /** After a cut request: did the primary take `attempt.newPassword`? Throws when it cannot tell yet. */
  resolveCut(person: PersonState, attempt: Attempt): Promise<boolean>;
  /** How long a person rests after a cut request (longer than the change lock). */
  restMs: number;
}

export interface LoadRun {
  attempts: Attempt[];
  people: PersonState[];
  startedAt: number;
  /** Resolves when every change was sent and answered. */
  done: Promise<void>;
  /** ms since the load started. */
  elapsed(): number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const networkCode = (error: unknown): string | undefined => {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error as { code?: string }).code;
};

export const startLoad = (options: LoadOptions): LoadRun => {
  const startedAt = performance.now();
  const elapsed = () => performance.now() - startedAt;
  const people: PersonState[] = options.people.map((p) => ({ ...p, password: p.initial, busy: false, restUntil: 0 }));
  const attempts: Attempt[] = [];
  let sent = 0;
  let inFlight = 0;
  let turn = 0;

  const nextInstance = async (): Promise<Instance> => {
    for (;;) {
      const live = options.instances.filter((i) => i.up);
      if (live.length > 0) return live[turn++ % live.length]!;
      await sleep(20);
    }
  };

  /** Sends one change; retries on another instance when the connection is refused (nothing was sent). */
  const send = async (person: PersonState, double: boolean): Promise<Attempt> => {
    const newPassword = soakPassword();
    for (;;) {
      const instance = await nextInstance();
      const at = elapsed();
      instance.inFlight += 1;
      try {
        const response = await fetch(`${instance.url}/api/v1/password/change`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': options.apiKey },
          body: JSON.stringify({ login: person.login, currentPassword: person.password, newPassword }),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await response.text();
        const base = { login: person.login, instance: instance.name, at, endAt: elapsed(), status: response.status, newPassword, double };
        if (response.status === 200) return { ...base, outcome: 'accepted', ref: (JSON.parse(text) as { sync: { ref: string } }).sync.ref };
        const unconfirmed = response.status === 503 && text.includes('"code":"write_unconfirmed"');
        const outcome: Outcome = unconfirmed ? 'unconfirmed' : response.status === 503 ? 'refused' : response.status === 429 ? 'limited' : 'unexpected';
        return { ...base, outcome, body: text };
      } catch (error) {
        if (networkCode(error) === 'ECONNREFUSED') continue;
        return { login: person.login, instance: instance.name, at, endAt: elapsed(), outcome: 'cut', newPassword, double, body: String(error) };
      } finally {
        instance.inFlight -= 1;
      }
    }
  };

  const settle = async (person: PersonState) => {
    const attempt = person.pending!;
    for (;;) {
      try {
        attempt.applied = await options.resolveCut(person, attempt);
        break;
      } catch {
        await sleep(500);
      }
    }
    if (attempt.applied) person.password = attempt.newPassword;
    delete person.pending;
  };

  const run = async (person: PersonState, double: boolean) => {
    try {
      if (person.pending) await settle(person);
      const attempt = await send(person, double);
      attempts.push(attempt);
      if (attempt.outcome === 'accepted') {
        person.password = attempt.newPassword;
        if (sent < options.total && Math.random() < options.doubleRate) {
          sent += 1;
          await run(person, true);
        }
      } else if (attempt.outcome === 'cut' || attempt.outcome === 'unconfirmed') {
        person.pending = attempt;
        person.restUntil = elapsed() + options.restMs;
      }
    } finally {
      person.busy = false;
    }
  };

  const idlePerson = (): PersonState | undefined => {
    const now = elapsed();
    const idle = people.filter((p) => !p.busy && p.restUntil <= now);
    return idle[Math.floor(Math.random() * idle.length)];
  };

  const done = (async () => {
    const interval = (options.seconds * 1000) / options.total;
    const running = new Set<Promise<void>>();
    while (sent < options.total) {
      const due = sent * interval;
      if (elapsed() < due) await sleep(due - elapsed());
      const person = idlePerson();
      if (!person || inFlight >= options.concurrency) {
        await sleep(5);
        continue;
      }
      person.busy = true;
      sent += 1;
      inFlight += 1;
      const task = run(person, false).finally(() => {
        inFlight -= 1;
        running.delete(task);
      });
      running.add(task);
    }
    await Promise.all(running);
    // People still resting after a cut request: settle them, so that the final checks know their password.
    for (const person of people) {
      if (!person.pending) continue;
      const wait = person.restUntil - elapsed();
      if (wait > 0) await sleep(wait);
      await settle(person);
    }
  })();

  return { attempts, people, startedAt, done, elapsed };
};
