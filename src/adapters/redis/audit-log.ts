/**
 * @module adapters/redis/audit-log
 * The audit trail: each event goes to the JSON logs (logger name "audit", for shipping) and to a
 * Redis stream trimmed by age, which the sysadmins' console and `passerelle audit search` read.
 * Events that name a login are also appended to that login's own stream (same retention), so that
 * « what happened to this person » reads a few entries instead of scanning everyone's. Recording
 * never fails the person's request: if Redis is down the log line still exists.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../../lib/logger.ts';
import type { AuditEvent, AuditPort, AuditQuery, StoredAuditEvent } from '../../ports/audit.ts';
import { defineScript } from './script.ts';

/** How many entries one search reads at most (a kind or time filter over a busy stream). */
const SEARCH_WINDOW = 20_000;
/** Entries read per round trip while scanning. */
const CHUNK = 500;

/** Logins are case- and normalisation-folded in key names, as LDAP compares them. */
const loginPart = (login: string) => encodeURIComponent(login.normalize('NFC').toLowerCase());

/** A stream id the caller gave us (page cursor): digits-digits only, or nothing. */
const STREAM_ID = /^\d{1,15}-\d{1,20}$/;

/**
 * Appends one event to the trail and, when a login stream is named, to it with the same id (a page
 * cursor then means the same instant in both), trimming both by age: one round trip per event.
 * KEYS: trail, login stream (optional). ARGV: oldest id kept, event JSON, retention in ms.
 */
const appendEvent = defineScript(
  'audit_append',
  `local id = redis.call('XADD', KEYS[1], 'MINID', '~', ARGV[1], '*', 'e', ARGV[2])
if KEYS[2] then
  redis.call('XADD', KEYS[2], 'MINID', '~', ARGV[1], id, 'e', ARGV[2])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
end
return id`,
);

export const createRedisAuditLog = (redis: Redis, keyPrefix: string, retentionDays: number, logger: Logger): AuditPort => {
  const key = `${keyPrefix}:audit`;
  const loginKey = (login: string) => `${key}:login:${loginPart(login)}`;
  const log = logger.child({ name: 'audit' });
  const retentionMs = retentionDays * 24 * 3600 * 1000;

  const parse = (id: string, fields: string[]): StoredAuditEvent | undefined => {
    const raw = fields[fields.indexOf('e') + 1];
    if (!raw) return undefined;
    try {
      return { ...(JSON.parse(raw) as AuditEvent), id, at: new Date(Number(id.split('-')[0])).toISOString() };
    } catch {
      return undefined;
    }
  };

  return {
    async record(event) {
      log.info({ audit: event }, event.kind);
      try {
        const minId = `${Date.now() - retentionMs}-0`;
        const keys = event.login ? [key, loginKey(event.login)] : [key];
        await appendEvent(redis, keys, [minId, JSON.stringify(event), retentionMs]);
      } catch (error) {
        log.warn({ err: error, kind: event.kind }, 'audit event not stored in Redis');
      }
    },

    async search(query: AuditQuery) {
      const limit = Math.max(1, Math.min(query.limit ?? 100, 1000));
      const source = query.login ? loginKey(query.login) : key;
      let end = query.until ? `${query.until.getTime()}` : '+';
      if (query.before && STREAM_ID.test(query.before)) end = `(${query.before}`;
      const start = query.since ? `${query.since.getTime()}` : '-';
      const found: StoredAuditEvent[] = [];
      let scanned = 0;
      while (found.length < limit && scanned < SEARCH_WINDOW) {
        const entries = await redis.xrevrange(source, end, start, 'COUNT', CHUNK);
        for (const [id, fields] of entries) {
          const event = parse(id, fields);
          if (!event || (query.kind && event.kind !== query.kind)) continue;
          found.push(event);
          if (found.length >= limit) break;
        }
        scanned += entries.length;
        const last = entries.at(-1);
        if (entries.length < CHUNK || !last) break;
        end = `(${last[0]}`;
      }
      return found;
    },
  };
};
