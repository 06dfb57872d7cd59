/**
 * @module bin/audit
 * `passerelle audit search [--login L] [--kind K] [--since T] [--until T] [--limit N] [--before ID]`:
 * the audit trail kept in Redis, newest first. Times are ISO dates (« 2026-11-25T08:00 », read in
 * the configured time zone unless they carry an offset) or an age (« 90m », « 24h », « 7d »).
 * With `--json`, one JSON object per line (jq-friendly); the last line names the next page's
 * cursor when there is one.
 */
import { parseArgs } from 'node:util';
import { composeOperator } from '../compose/operator.ts';
import { isAuditKind, readAuditPage, AUDIT_KINDS } from '../flows/console/audit.ts';
import { parseLocalTime } from '../http/views/admin/time.ts';
import { cliLogger, EXIT, loadConfigOrReport, out, reportError, stamp, table, UsageError } from './cli.ts';

export const AUDIT_USAGE = `usage: passerelle audit search [--login L] [--kind K] [--since T] [--until T] [--limit N] [--before ID] [--config <file>] [--json]
  T: an age (90m, 24h, 7d) or a date (2026-11-25T08:00, in the configured time zone, or with an offset)
  K: ${AUDIT_KINDS.join(', ')}`;

const AGE = /^(\d+)\s*(m|h|d)$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** An age or a date; throws a usage error naming the option otherwise. */
export const parseWhen = (value: string | undefined, option: string, timeZone: string, now = Date.now()): Date | undefined => {
  if (value === undefined) return undefined;
  const age = value.match(AGE);
  if (age) return new Date(now - Number(age[1]) * UNIT_MS[age[2] as keyof typeof UNIT_MS]);
  const local = parseLocalTime(value.length === 10 ? `${value}T00:00` : value, timeZone);
  if (local) return local;
  const absolute = /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? new Date(value) : undefined;
  if (absolute && !Number.isNaN(absolute.getTime())) return absolute;
  throw new UsageError(`${option}: not an age (90m, 24h, 7d) nor a date (2026-11-25T08:00): ${value}`);
};

export const auditCommand = async (args: string[]): Promise<number> => {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        config: { type: 'string' }, json: { type: 'boolean', default: false }, login: { type: 'string' }, kind: { type: 'string' },
        since: { type: 'string' }, until: { type: 'string' }, limit: { type: 'string' }, before: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${AUDIT_USAGE}\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] !== 'search') {
    process.stderr.write(`${AUDIT_USAGE}\n`);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  const config = loadConfigOrReport(values.config);
  if (!config) return EXIT.config;
  const zone = config.mail.timeZone;
  let query;
  try {
    if (values.kind !== undefined && !isAuditKind(values.kind)) throw new UsageError(`--kind must be one of ${AUDIT_KINDS.join(', ')}`);
    if (values.before !== undefined && !/^\d{1,15}-\d{1,20}$/.test(values.before)) throw new UsageError('--before takes an event id (as printed by a previous search)');
    const limit = values.limit === undefined ? 50 : Number.parseInt(values.limit, 10);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit must be a number from 1 to 500');
    query = {
      login: values.login, kind: values.kind as Parameters<typeof readAuditPage>[1]['kind'],
      since: parseWhen(values.since, '--since', zone), until: parseWhen(values.until, '--until', zone), before: values.before, pageSize: limit,
    };
  } catch (error) {
    return reportError(error);
  }
  let runtime;
  try {
    runtime = await composeOperator(config, cliLogger());
  } catch (error) {
    return reportError(error);
  }
  try {
    const page = await readAuditPage({ audit: runtime.audit }, query);
    if (values.json) {
      for (const event of page.events) out(JSON.stringify(event));
      if (page.next) out(JSON.stringify({ next: page.next }));
      return EXIT.ok;
    }
    if (page.events.length === 0) {
      out('no event matches');
      return EXIT.ok;
    }
    const rows = [['time', 'id', 'kind', 'login', 'actor', 'outcome', 'address', 'detail']];
    for (const e of page.events) {
      const detail = Object.entries(e.detail ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(' ');
      rows.push([stamp(e.at, zone), e.id, e.kind, e.login ?? '-', e.actor ?? '-', e.outcome ?? '-', e.ip ?? '-', detail]);
    }
    for (const line of table(rows)) out(line);
    if (page.next) out(`more: passerelle audit search … --before ${page.next}`);
    return EXIT.ok;
  } catch (error) {
    return reportError(error);
  } finally {
    await runtime.close();
  }
};
