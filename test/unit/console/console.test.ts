/**
 * Pure pieces of the console and the CLI: deadline levels, roles, discard reasons, the `next`
 * redirect guard, the metrics bearer check, times in the institution's zone (summer time
 * included), CLI ages and dates, config advice.
 */
import { describe, expect, it } from 'vitest';
import { parseWhen } from '../../../src/bin/audit.ts';
import { configAdvice } from '../../../src/bin/check-config.ts';
import { duration, table } from '../../../src/bin/cli.ts';
import { checkReason } from '../../../src/flows/console/actions.ts';
import { deadlineLevel } from '../../../src/flows/console/overview.ts';
import { can, CONSOLE_ACTIONS } from '../../../src/flows/console/roles.ts';
import { bearerMatches } from '../../../src/http/api/metrics.ts';
import { safeNext } from '../../../src/http/middleware/admin-session.ts';
import { formatDuration, formatTime, parseLocalTime, toLocalInput } from '../../../src/http/views/admin/time.ts';
import { parseConfig } from '../../../src/config/load.ts';

describe('deadline level', () => {
  const at = (oldestPendingSeconds: number, warning = 0, missed = 0) => deadlineLevel({ oldestPendingSeconds, late: { warning, missed } }, 20, 30);
  it('is ok with nothing pending or younger than the warning point, warning past it, missed past the deadline', () => {
    expect(at(0)).toBe('ok');
    expect(at(20 * 60 - 1)).toBe('ok');
    expect(at(20 * 60)).toBe('warning');
    expect(at(30 * 60)).toBe('missed');
  });
  it('trusts the changes already flagged late by the deadline watch', () => {
    expect(at(5, 1, 0)).toBe('warning');
    expect(at(5, 1, 1)).toBe('missed');
  });
});

describe('roles', () => {
  it('lets sysadmins do everything and the help desk only retry one job', () => {
    expect(CONSOLE_ACTIONS.filter((action) => can('sysadmin', action))).toEqual(['retry', 'retry-all', 'discard', 'pause', 'resume']);
    expect(CONSOLE_ACTIONS.filter((action) => can('helpdesk', action))).toEqual(['retry']);
  });
});

describe('discard reason', () => {
  it('is trimmed, at least 3 characters, at most 250, without control characters', () => {
    expect(checkReason('  compte fermé  ')).toBe('compte fermé');
    expect(() => checkReason(' a ')).toThrow(expect.objectContaining({ code: 'validation' }));
    expect(() => checkReason('x'.repeat(251))).toThrow(expect.objectContaining({ details: { issues: [{ path: 'reason', code: 'issue.too_long', params: { max: 250 } }] } }));
    expect(() => checkReason('ok\u0007bell')).toThrow(expect.objectContaining({ details: { issues: [{ path: 'reason', code: 'issue.control_characters' }] } }));
  });
});

describe('where the log-in form may send people back to', () => {
  it.each(['/admin', '/admin/jobs?target=ad&state=failed', '/admin/jobs/ad/c123'])('accepts the console path %s', (path) => {
    expect(safeNext(path)).toBe(path);
  });
  it.each(['//evil.example/admin', 'https://evil.example/admin', '/administrator', '/admin/../change', '/admin//x', '/admin/x"onmouseover', undefined])('refuses %s', (path) => {
    expect(safeNext(path)).toBeUndefined();
  });
});

describe('metrics bearer token', () => {
  it('accepts only the exact token after "Bearer"', () => {
    expect(bearerMatches('Bearer s3cret-token-of-tests', 's3cret-token-of-tests')).toBe(true);
    expect(bearerMatches('bearer s3cret-token-of-tests', 's3cret-token-of-tests')).toBe(true);
    expect(bearerMatches('Bearer s3cret-token-of-test', 's3cret-token-of-tests')).toBe(false);
    expect(bearerMatches('Basic s3cret-token-of-tests', 's3cret-token-of-tests')).toBe(false);
    expect(bearerMatches(undefined, 's3cret-token-of-tests')).toBe(false);
  });
});

describe('times in the institution’s zone', () => {
  it('reads a datetime-local value as Paris time, in winter and in summer', () => {
    expect(parseLocalTime('2026-01-15T10:00', 'Europe/Paris')?.toISOString()).toBe('2026-01-15T09:00:00.000Z');
    expect(parseLocalTime('2026-07-15T10:00', 'Europe/Paris')?.toISOString()).toBe('2026-07-15T08:00:00.000Z');
    expect(parseLocalTime('2026-03-29T03:30', 'Europe/Paris')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(parseLocalTime('15/01/2026 10:00', 'Europe/Paris')).toBeUndefined();
    expect(parseLocalTime(undefined, 'Europe/Paris')).toBeUndefined();
  });
  it('writes an instant back as the same wall time, and shows it in each language', () => {
    expect(toLocalInput(new Date('2026-07-15T08:00:00Z'), 'Europe/Paris')).toBe('2026-07-15T10:00');
    expect(formatTime('fr', 'Europe/Paris', '2026-07-15T08:00:05Z')).toBe('15/07/2026 10:00:05');
    expect(formatTime('en', 'Europe/Paris', '2026-07-15T08:00:05Z')).toBe('15/07/2026, 10:00:05');
  });
  it('writes durations the same way in both languages, days aside', () => {
    expect(formatDuration('fr', 45)).toBe('45 s');
    expect(formatDuration('fr', 200)).toBe('3 min 20 s');
    expect(formatDuration('en', 7500)).toBe('2 h 05 min');
    expect(formatDuration('fr', 3 * 86_400 + 4 * 3600)).toBe('3 j 4 h');
    expect(formatDuration('en', -90)).toBe('1 min 30 s');
  });
});

describe('CLI', () => {
  it('reads --since / --until as an age or a date in the zone, and refuses anything else', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(parseWhen('90m', '--since', 'Europe/Paris', now)?.toISOString()).toBe('2026-11-25T10:30:00.000Z');
    expect(parseWhen('7d', '--since', 'Europe/Paris', now)?.toISOString()).toBe('2026-11-18T12:00:00.000Z');
    expect(parseWhen('2026-11-25', '--since', 'Europe/Paris', now)?.toISOString()).toBe('2026-11-24T23:00:00.000Z');
    expect(parseWhen('2026-11-25T08:00', '--since', 'Europe/Paris', now)?.toISOString()).toBe('2026-11-25T07:00:00.000Z');
    expect(parseWhen('2026-11-25T08:00:00Z', '--since', 'Europe/Paris', now)?.toISOString()).toBe('2026-11-25T08:00:00.000Z');
    expect(parseWhen(undefined, '--since', 'Europe/Paris', now)).toBeUndefined();
    expect(() => parseWhen('hier', '--since', 'Europe/Paris', now)).toThrow('--since');
  });
  it('lines columns up and writes short durations', () => {
    expect(table([['target', 'failed'], ['ad', '12']])).toEqual(['target  failed', 'ad      12']);
    expect([duration(5), duration(125), duration(7260), duration(90_000)]).toEqual(['5s', '2m05s', '2h01m', '1d1h']);
  });
  it('advises on settings that work but deserve a look', () => {
    const config = parseConfig({
      server: { publicUrl: 'http://mdp.ac-exemple.fr' },
      institution: { name: 'Académie' },
      security: { encryptionKeys: [{ id: 'k', key: Buffer.alloc(32, 1).toString('base64') }], cookieSecret: 'x'.repeat(32), secureCookies: false },
      directory: { kind: 'openldap', url: 'ldap://127.0.0.1', bindDn: 'cn=a', bindPassword: 'b', base: 'dc=x' },
      mail: { from: 'a@b.fr' },
    });
    expect(configAdvice(config).map((line) => line.name)).toEqual(['admin', 'metrics', 'cookies', 'publicUrl']);
  });
});
