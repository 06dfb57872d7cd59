/**
 * @module flows/console/console
 * The console's use cases wired to their ports, as the HTTP layer calls them (compose.ts builds
 * it): log-in / session / log-out, the overview, jobs, a job's history, a person, the audit
 * trail, and the write actions. Without sync targets the queue views are simply empty.
 */
import { PasserelleError } from '../../errors.ts';
import type { AdminSession, AdminSessionStore } from '../../ports/admin-sessions.ts';
import type { AuditPort } from '../../ports/audit.ts';
import type { DirectoryPort } from '../../ports/directory.ts';
import type { RateLimitPort } from '../../ports/rate-limit.ts';
import type { RequestMeta } from '../../ports/request.ts';
import type { JobHistory, JobStateFilter, JobView, SyncAdmin } from '../../ports/sync-admin.ts';
import { runConsoleAction, type ActionResult, type Actor, type ConsoleAction } from './actions.ts';
import { readAuditPage, type AuditPage, type AuditPageQuery } from './audit.ts';
import { consoleLogin, type ConsoleCredentials } from './login.ts';
import { readOverview, type ConsoleOverview } from './overview.ts';
import { readPerson, type PersonView } from './person.ts';
import type { ConsoleGroups } from './roles.ts';

export interface JobsQuery {
  target: string;
  state?: JobStateFilter | undefined;
  login?: string | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

export interface ConsoleFlows {
  /** Target names, in config order (filters, CLI checks). */
  readonly targets: readonly string[];
  login(input: ConsoleCredentials, meta: RequestMeta): Promise<{ id: string; session: AdminSession }>;
  /** The live session behind a cookie's id (idle clock restarted), or null. */
  session(id: string): Promise<AdminSession | null>;
  /** The same, without restarting the idle clock (live refresh). */
  peekSession(id: string): Promise<AdminSession | null>;
  logout(id: string, session: AdminSession, meta: Pick<RequestMeta, 'ip' | 'requestId'>): Promise<void>;
  overview(): Promise<ConsoleOverview>;
  jobs(query: JobsQuery): Promise<JobView[]>;
  job(target: string, jobId: string): Promise<JobHistory>;
  person(login: string): Promise<PersonView>;
  audit(query: AuditPageQuery): Promise<AuditPage>;
  act(actor: Actor, action: ConsoleAction, meta: Pick<RequestMeta, 'ip' | 'requestId'>): Promise<ActionResult>;
}

export interface ConsoleDeps {
  directory: Pick<DirectoryPort, 'findByLogin' | 'verifyPassword' | 'isMemberOf'>;
  limits: Pick<RateLimitPort, 'consume'>;
  audit: AuditPort;
  sessions: AdminSessionStore;
  /** Absent without sync targets. */
  sync?: SyncAdmin | undefined;
  targets: readonly string[];
  groups: ConsoleGroups;
  promiseMinutes: number;
  warnAfterMinutes: number;
  failureFloorMs: number;
}

export const createConsole = (deps: ConsoleDeps): ConsoleFlows => {
  const sync = () => {
    if (!deps.sync) throw new PasserelleError('not_found', 'no sync targets configured');
    return deps.sync;
  };
  return {
    targets: deps.targets,
    login: (input, meta) => consoleLogin(deps, input, meta),
    session: (id) => deps.sessions.touch(id),
    peekSession: (id) => deps.sessions.peek(id),
    async logout(id, session, meta) {
      await deps.sessions.destroy(id);
      await deps.audit.record({ kind: 'admin.login', login: session.login, actor: session.login, ip: meta.ip, requestId: meta.requestId, outcome: 'success', detail: { event: 'logout' } });
    },
    overview: () => readOverview({ sync: deps.sync, promiseMinutes: deps.promiseMinutes, warnAfterMinutes: deps.warnAfterMinutes }),
    jobs: (query) => sync().listJobs(query),
    job: (target, jobId) => sync().jobHistory(target, jobId),
    person: (login) => readPerson(deps, login),
    audit: (query) => readAuditPage(deps, query),
    act: (actor, action, meta) => runConsoleAction({ sync: deps.sync, audit: deps.audit }, actor, action, meta),
  };
};
