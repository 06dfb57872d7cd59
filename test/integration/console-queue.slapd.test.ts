/**
 * The console on a real sync queue: a second slapd as an `ldap` target, stopped so that changes
 * fail (one attempt), then started again. Overview, jobs, a job's history, discard with a reason,
 * the help desk's retry that completes, pause / resume, and the live stream.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { canBind, createPerson, fixture, startSlapd, strongPassword, testConfig, type SlapdHandle, type TestPerson } from '../harness/index.ts';
import { expectNoSecretInLogs, makeApp, type TestApp } from './support/app.ts';
import { changePassword, consoleGet, consolePost, jobInState, ldapTarget, signIn, waitFor, type ConsoleSession } from './support/console.ts';

const { slapd, redis } = inject('servers');
const TARGET = 'annuaire-secours';

let target: SlapdHandle;
let app: TestApp;
let sysadmin: ConsoleSession;
const secrets: string[] = [];

/** A person in both directories, whose change is then refused by the stopped target. */
const failedChange = async (): Promise<{ person: TestPerson; password: string; jobId: string }> => {
  const person = await createPerson(slapd);
  if (!target.running) await target.start();
  await createPerson(target, { login: person.login, password: person.password });
  await target.stop();
  const password = strongPassword();
  secrets.push(password, person.password);
  await changePassword(app, person.login, person.password, password);
  const job = await jobInState(app, TARGET, person.login, 'failed');
  return { person, password, jobId: job.id };
};

beforeAll(async () => {
  target = await startSlapd();
  app = await makeApp(
    testConfig({ slapd, redis }, { server: { failureFloorMs: 0 }, sync: { attempts: 1, inProcessWorker: true, targets: [ldapTarget(target.info(), TARGET)] } }),
    { keep: true },
  );
  const admin = fixture('cfontaine');
  sysadmin = await signIn(app, admin.login, admin.password);
});
afterAll(async () => {
  await app?.close();
  await target?.destroy();
});

describe('console on a stopped target', () => {
  let failed: Awaited<ReturnType<typeof failedChange>>;

  it('shows the failed change on the overview, in the jobs list and in its history, never with the password', async () => {
    failed = await failedChange();
    const overview = await (await consoleGet(app, sysadmin, '/admin')).text();
    expect(overview).toMatch(/data-stat="failed"><dt>En échec<\/dt><dd>1<\/dd>/);
    expect(overview).toContain(`${failed.person.login} : `);
    const list = await (await consoleGet(app, sysadmin, `/admin/jobs?target=${TARGET}&state=failed`)).text();
    expect(list).toContain(`<tr data-job="${failed.jobId}" data-state="failed">`);
    const job = await (await consoleGet(app, sysadmin, `/admin/jobs/${TARGET}/${failed.jobId}`)).text();
    expect(job).toMatch(/<li>attempt 1: (unavailable|timeout): [^<]+\(final\)<\/li>/);
    expect(job).toContain('Relancer…');
    expect(job).toContain('Abandonner…');
    expect(job).not.toContain(failed.password);
  });

  it('asks for a reason before discarding, keeps it, and the person view says the target was abandoned', async () => {
    const other = await failedChange();
    const page = await (await consoleGet(app, sysadmin, `/admin/confirm/discard?target=${TARGET}&job=${other.jobId}`)).text();
    expect(page).toContain(`Le changement de ${other.person.login} ne sera jamais appliqué`);
    const missing = await consolePost(app, sysadmin, '/admin/actions/discard', { target: TARGET, job: other.jobId, reason: ' ' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Ce champ est obligatoire.');
    const done = await consolePost(app, sysadmin, '/admin/actions/discard', { target: TARGET, job: other.jobId, reason: 'compte supprimé du secours' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/admin/jobs?target=${TARGET}&done=discarded`);
    const list = await (await consoleGet(app, sysadmin, done.headers.get('location')!)).text();
    expect(list).toContain('Tâche abandonnée ; le motif est enregistré.');
    expect(list).not.toContain(`data-job="${other.jobId}"`);
    const person = await (await consoleGet(app, sysadmin, `/admin/person?login=${other.person.login}`)).text();
    expect(person).toContain('abandonné');
    expect(person).toContain('compte supprimé du secours');
    expect(person).not.toContain('réinitialisation par lien');
    expect(person).toContain('changement avec l’ancien mot de passe');
    const audit = await (await consoleGet(app, sysadmin, `/admin/audit?login=${other.person.login}&kind=admin.action`)).text();
    expect(audit).toContain('reason: compte supprimé du secours');
  });

  it('lets the help desk retry a failed job (and nothing else) once the target is back; it completes', async () => {
    await target.start();
    const helpdesk = fixture('mbenali');
    const desk = await signIn(app, helpdesk.login, helpdesk.password);
    const job = await (await consoleGet(app, desk, `/admin/jobs/${TARGET}/${failed.jobId}`)).text();
    expect(job).toContain('Relancer…');
    expect(job).not.toContain('Abandonner…');
    const list = await (await consoleGet(app, desk, `/admin/jobs?target=${TARGET}`)).text();
    expect(list).not.toContain('Relancer toutes les tâches en échec…');
    expect(list).not.toContain('Mettre en pause…');
    const retried = await consolePost(app, desk, '/admin/actions/retry', { target: TARGET, job: failed.jobId });
    expect(retried.status).toBe(303);
    expect(retried.headers.get('location')).toBe(`/admin/jobs/${TARGET}/${failed.jobId}?done=retried`);
    await jobInState(app, TARGET, failed.person.login, 'completed');
    expect(await canBind(target.url, failed.person.dn, failed.password, target.caFile)).toBe(true);
    const person = await (await consoleGet(app, desk, `/admin/person?login=${failed.person.login}`)).text();
    expect(person).toMatch(/class="tstate tstate--done">\s*appliqué/);
  });

  it('pauses and resumes a target, confirmed, and the overview says so', async () => {
    const confirm = await (await consoleGet(app, sysadmin, `/admin/confirm/pause?target=${TARGET}`)).text();
    expect(confirm).toContain('Mettre cette cible en pause ?');
    expect((await consolePost(app, sysadmin, '/admin/actions/pause', { target: TARGET })).status).toBe(303);
    expect(await (await consoleGet(app, sysadmin, '/admin')).text()).toContain('en pause : les tâches attendent');
    const list = await (await consoleGet(app, sysadmin, `/admin/jobs?target=${TARGET}`)).text();
    expect(list).toContain('Reprendre…');
    expect((await consolePost(app, sysadmin, '/admin/actions/resume', { target: TARGET })).status).toBe(303);
    expect(await (await consoleGet(app, sysadmin, '/admin')).text()).toMatch(/data-stat="queue"><dt>File<\/dt><dd>active<\/dd>/);
  });

  it('streams the overview as server-sent events', async () => {
    const response = await consoleGet(app, sysadmin, '/admin/live?view=overview');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    let text = '';
    await waitFor('a first update event', async () => {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
      return text.includes('\n\n') ? true : undefined;
    });
    await reader.cancel();
    expect(text).toMatch(/^event: update\ndata: /);
    expect(text).toContain(`data-target="${TARGET}"`);
  });

  it('wrote no password to the logs', () => {
    expectNoSecretInLogs(app.logs, secrets);
  });
});
