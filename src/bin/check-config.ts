/**
 * @module bin/check-config
 * `passerelle check-config [--config <file>] [--json]`: validates the configuration file (every
 * problem named by its key), then tries each connection it names once: the directory (service
 * account bind), Redis (ping, then its persistence settings, which only warn), SMTP, and every
 * sync target. One line per check, ✓ / ⚠ / ✗, readable in an SSH session.
 * Exit: 0 all good (warnings allowed), 78 configuration invalid, 69 a service unreachable.
 */
import { parseArgs } from 'node:util';
import { composeConnectionChecks } from '../compose/operator.ts';
import type { Config } from '../config/schema.ts';
import type { ReadinessCheck } from '../ports/readiness.ts';
import { cliLogger, EXIT, loadConfigOrReport, out, SIGN } from './cli.ts';

export const CHECK_USAGE = 'usage: passerelle check-config [--config <file>] [--json]';

/** Checks whose failure is a warning: the service works, but less safely. */
const WARN_ONLY = new Set(['redis-persistence', 'redis-eviction']);

export interface CheckLine {
  name: string;
  status: 'ok' | 'warning' | 'failed';
  detail?: string | undefined;
}

/** Advice read from the config alone (no connection): settings that work but deserve a look. */
export const configAdvice = (config: Config): CheckLine[] => {
  const advice: CheckLine[] = [];
  const { admin, server, security } = config;
  if (admin.enabled && !admin.sysadminGroup && !admin.helpdeskGroup) {
    advice.push({ name: 'admin', status: 'warning', detail: 'the console is enabled but admin.sysadminGroup and admin.helpdeskGroup are unset: nobody can log in' });
  }
  if (!server.metrics.bearerToken && !server.metrics.listen) {
    advice.push({ name: 'metrics', status: 'warning', detail: 'neither server.metrics.bearerToken nor server.metrics.listen is set: /metrics is not served' });
  }
  if (!security.secureCookies) advice.push({ name: 'cookies', status: 'warning', detail: 'security.secureCookies is off: only for a plain-HTTP demo on localhost' });
  if (server.publicUrl.startsWith('http://') && !/^http:\/\/(127\.|localhost|\[::1\])/.test(server.publicUrl)) {
    advice.push({ name: 'publicUrl', status: 'warning', detail: `${server.publicUrl} is not HTTPS` });
  }
  return advice;
};

const lineOf = (check: ReadinessCheck): CheckLine => ({
  name: check.name,
  status: check.ok ? 'ok' : WARN_ONLY.has(check.name) ? 'warning' : 'failed',
  ...(check.detail ? { detail: check.detail } : {}),
});

const SIGNS = { ok: SIGN.ok, warning: SIGN.warn, failed: SIGN.fail } as const;
const print = (line: CheckLine) => out(`${SIGNS[line.status]} ${line.name}${line.detail ? `: ${line.detail}` : ''}`);

export const checkConfigCommand = async (args: string[]): Promise<number> => {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { config: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${CHECK_USAGE}\n`);
    return EXIT.usage;
  }
  if (values.help) {
    out(CHECK_USAGE);
    return EXIT.ok;
  }
  const path = values.config ?? process.env.PASSERELLE_CONFIG ?? 'config/passerelle.yml';
  const config = loadConfigOrReport(path);
  if (!config) {
    if (values.json) out(JSON.stringify({ status: 'config-invalid', file: path }));
    return EXIT.config;
  }
  const lines: CheckLine[] = [{ name: 'configuration', status: 'ok', detail: path }, ...configAdvice(config)];
  if (!values.json) lines.forEach(print);
  const checks = composeConnectionChecks(config, cliLogger());
  try {
    const found = (await checks.run()).map(lineOf);
    if (!values.json) found.forEach(print);
    lines.push(...found);
  } finally {
    await checks.close();
  }
  const failed = lines.some((line) => line.status === 'failed');
  if (values.json) out(JSON.stringify({ status: failed ? 'unreachable' : 'ok', checks: lines }));
  else out(failed ? `${SIGN.fail} at least one service did not answer (exit ${EXIT.unavailable})` : `${SIGN.ok} all connections answered`);
  return failed ? EXIT.unavailable : EXIT.ok;
};
