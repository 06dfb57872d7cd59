/**
 * @module bin/queue
 * `passerelle queue status | jobs | show | retry | discard | pause | resume`: the console's queue
 * view and actions for scripts and SSH sessions, on the real queues. Actions run through the same
 * use case as the console (checked, audited as `admin.action` with actor `cli:<user>`).
 * `--json` prints machine-readable output; exit codes are in bin/cli.
 */
import { parseArgs } from 'node:util';
import { composeOperator } from '../compose/operator.ts';
import type { Config } from '../config/schema.ts';
import { PasserelleError } from '../errors.ts';
import { runConsoleAction, type ConsoleAction } from '../flows/console/actions.ts';
import { readOverview, type TargetHealth } from '../flows/console/overview.ts';
import type { JobStateFilter, SyncAdmin } from '../ports/sync-admin.ts';
import type { AuditPort } from '../ports/audit.ts';
import { cliActor, cliLogger, duration, EXIT, loadConfigOrReport, out, reportError, SIGN, stamp, table, UsageError } from './cli.ts';

export const QUEUE_USAGE = `usage: passerelle queue <subcommand> [--config <file>] [--json]
  status                                  per target: counts, oldest pending change vs the deadline, last error
  jobs <target> [--state S] [--login L] [--limit N]
                                          jobs of a target (S: waiting, active, delayed, failed, completed)
  show <target> <job>                     one job's history (attempts, times, errors)
  retry <target> <job> | retry <target> --all-failed
  discard <target> <job> --reason "<why>" the change will never reach that target
  pause <target> | resume <target>`;

const STATES: readonly JobStateFilter[] = ['waiting', 'active', 'delayed', 'failed', 'completed'];
const LEVEL_SIGN = { ok: SIGN.ok, warning: SIGN.warn, missed: SIGN.fail } as const;
const LEVEL_TEXT = { ok: 'on time', warning: 'past the alert point', missed: 'deadline missed' } as const;

interface Context {
  config: Config;
  sync: SyncAdmin;
  audit: AuditPort;
  json: boolean;
  positionals: string[];
  values: { state?: string | undefined; login?: string | undefined; limit?: string | undefined; reason?: string | undefined; 'all-failed'?: boolean | undefined };
}

const targetArg = (ctx: Context, index = 1): string => {
  const target = ctx.positionals[index];
  if (!target) throw new UsageError('a target name is required');
  if (!ctx.config.sync.targets.some((t) => t.name === target)) {
    throw new PasserelleError('not_found', `no sync target named ${target} (configured: ${ctx.config.sync.targets.map((t) => t.name).join(', ')})`);
  }
  return target;
};

const jobArg = (ctx: Context): string => {
  const job = ctx.positionals[2];
  if (!job) throw new UsageError('a job id is required');
  return job;
};

const statusLines = (targets: TargetHealth[], timeZone: string): string[] => {
  const rows = [['target', 'queue', 'waiting', 'active', 'delayed', 'failed', 'done 1h', 'done 24h', 'success', 'oldest pending', 'deadline']];
  for (const t of targets) {
    const oldest = t.oldestPendingSeconds > 0 && t.oldestPendingSecondsToDeadline !== null
      ? `${duration(t.oldestPendingSeconds)} (${t.oldestPendingSecondsToDeadline >= 0 ? `${duration(t.oldestPendingSecondsToDeadline)} left` : `${duration(t.oldestPendingSecondsToDeadline)} late`})`
      : 'none';
    rows.push([
      t.name, t.paused ? 'PAUSED' : 'running', String(t.counts.waiting), String(t.counts.active), String(t.counts.delayed), String(t.counts.failed),
      String(t.done.lastHour), String(t.done.lastDay), t.successRate === null ? '-' : `${Math.round(t.successRate * 1000) / 10}%`,
      oldest, `${LEVEL_SIGN[t.deadlineLevel]} ${LEVEL_TEXT[t.deadlineLevel]}`,
    ]);
  }
  const lines = table(rows);
  for (const t of targets) {
    if (t.lastError) lines.push(`last error on ${t.name}: ${stamp(t.lastError.at, timeZone)} ${t.lastError.login}: ${t.lastError.error}`);
    if (t.late.warning > 0) lines.push(`${LEVEL_SIGN[t.deadlineLevel]} ${t.name}: ${t.late.warning} change(s) past the alert point, ${t.late.missed} past the deadline`);
  }
  return lines;
};

const act = async (ctx: Context, action: ConsoleAction) => {
  const result = await runConsoleAction({ sync: ctx.sync, audit: ctx.audit }, { login: cliActor(), role: 'sysadmin', via: 'cli' }, action, { ip: 'local', requestId: 'cli' });
  if (ctx.json) return out(JSON.stringify(result));
  const what = result.jobId ? `job ${result.jobId} (${result.login}) on ${result.target}` : result.target;
  if (result.outcome === 'expired') {
    out(`${SIGN.warn} ${what}: cannot retry, the encrypted password is no longer held; the person must change it again`);
    return EXIT.data;
  }
  if (result.counts) return out(`${SIGN.ok} ${result.target}: ${result.counts.retried} failed job(s) retried, ${result.counts.expired} could not be (password no longer held)`);
  out(`${SIGN.ok} ${what}: ${result.outcome}`);
};

const SUBCOMMANDS: Record<string, (ctx: Context) => Promise<number | void>> = {
  async status(ctx) {
    const overview = await readOverview({ sync: ctx.sync, promiseMinutes: ctx.config.sync.promiseMinutes, warnAfterMinutes: ctx.config.sync.warnAfterMinutes });
    if (ctx.json) return out(JSON.stringify(overview));
    out(`promise: ${ctx.config.sync.promiseMinutes} min, alert after ${ctx.config.sync.warnAfterMinutes} min`);
    for (const line of statusLines(overview.targets, ctx.config.mail.timeZone)) out(line);
  },
  async jobs(ctx) {
    const target = targetArg(ctx);
    const state = ctx.values.state;
    if (state && !STATES.includes(state as JobStateFilter)) throw new UsageError(`--state must be one of ${STATES.join(', ')}`);
    const limit = Math.min(Math.max(1, Number.parseInt(ctx.values.limit ?? '50', 10) || 50), 1000);
    const jobs = await ctx.sync.listJobs({ target, state: state as JobStateFilter | undefined, login: ctx.values.login, limit });
    if (ctx.json) return out(JSON.stringify(jobs));
    if (jobs.length === 0) return out('no job matches');
    const rows = [['job', 'login', 'state', 'accepted', 'attempts', 'last error']];
    for (const j of jobs) rows.push([j.id, j.login, j.state, stamp(j.createdAt, ctx.config.mail.timeZone), String(j.attemptsMade), j.failedReason ?? '']);
    for (const line of table(rows)) out(line);
  },
  async show(ctx) {
    const job = await ctx.sync.jobHistory(targetArg(ctx), jobArg(ctx));
    if (ctx.json) return out(JSON.stringify(job));
    const zone = ctx.config.mail.timeZone;
    const lines = [
      ['job', job.id], ['target', job.target], ['login', job.login], ['sequence', String(job.sequence)], ['state', job.state],
      ['accepted', stamp(job.createdAt, zone)], ['deadline', stamp(job.deadline, zone)], ['attempts', String(job.attemptsMade)],
      ...(job.processedAt ? [['last attempt', stamp(job.processedAt, zone)]] : []), ...(job.finishedAt ? [['finished', stamp(job.finishedAt, zone)]] : []),
      ...(job.failedReason ? [['last error', job.failedReason]] : []),
    ];
    for (const line of table(lines)) out(line);
    out('history:');
    for (const entry of job.log.length > 0 ? job.log : ['(no attempt yet)']) out(`  ${entry}`);
  },
  retry: (ctx) => {
    const target = targetArg(ctx);
    if (ctx.values['all-failed']) return act(ctx, { kind: 'retry-all', target });
    return act(ctx, { kind: 'retry', target, jobId: jobArg(ctx) });
  },
  discard: (ctx) => {
    const target = targetArg(ctx);
    const jobId = jobArg(ctx);
    if (!ctx.values.reason) throw new UsageError('--reason "<why>" is required: it is kept in the audit log and on the job');
    return act(ctx, { kind: 'discard', target, jobId, reason: ctx.values.reason });
  },
  pause: (ctx) => act(ctx, { kind: 'pause', target: targetArg(ctx) }),
  resume: (ctx) => act(ctx, { kind: 'resume', target: targetArg(ctx) }),
};

export const queueCommand = async (args: string[]): Promise<number> => {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        config: { type: 'string' }, json: { type: 'boolean', default: false }, state: { type: 'string' }, login: { type: 'string' },
        limit: { type: 'string' }, reason: { type: 'string' }, 'all-failed': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${QUEUE_USAGE}\n`);
    return EXIT.usage;
  }
  const [name] = parsed.positionals;
  const run = name ? SUBCOMMANDS[name] : undefined;
  if (parsed.values.help || !run) {
    process.stderr.write(`${QUEUE_USAGE}\n`);
    return parsed.values.help ? EXIT.ok : EXIT.usage;
  }
  const config = loadConfigOrReport(parsed.values.config);
  if (!config) return EXIT.config;
  let runtime;
  try {
    runtime = await composeOperator(config, cliLogger());
  } catch (error) {
    return reportError(error);
  }
  try {
    if (!runtime.sync) throw new PasserelleError('not_found', 'no sync target is configured: there is no queue');
    return (await run({ config, sync: runtime.sync, audit: runtime.audit, json: parsed.values.json ?? false, positionals: parsed.positionals, values: parsed.values })) ?? EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) process.stderr.write(`${QUEUE_USAGE}\n`);
    return reportError(error);
  } finally {
    await runtime.close();
  }
};
