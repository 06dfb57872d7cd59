/**
 * @module adapters/redis/audit-log
 * The audit trail: each event goes to the JSON logs (logger name "audit", for shipping) and to a
 * Redis stream trimmed by age, which the sysadmins' console searches. Recording never fails the
 * person's request: if Redis is down the log line still exists.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../../lib/logger.ts';
import type { AuditEvent, AuditPort, AuditQuery, StoredAuditEvent } from '../../ports/audit.ts';

/** How many recent entries a search looks through at most. */
const SEARCH_WINDOW = 20_000;

export const createRedisAuditLog = (redis: Redis, keyPrefix: string, retentionDays: number, logger: Logger): AuditPort => {
  const key = `${keyPrefix}:audit`;
  const log = logger.child({ name: 'audit' });
  const retentionMs = retentionDays * 24 * 3600 * 1000;

  return {
    async record(event) {
      log.info({ audit: event }, event.kind);
      try {
        const minId = `${Date.now() - retentionMs}-0`;
        await redis.xadd(key, 'MINID', '~', minId, '*', 'e', JSON.stringify(event));
      } catch (error) {
        log.warn({ err: error, kind: event.kind }, 'audit event not stored in Redis');
      }
    },

    async search(query: AuditQuery) {
      const end = query.until ? `${query.until.getTime()}` : '+';
      const start = query.since ? `${query.since.getTime()}` : '-';
      const limit = query.limit ?? 100;
      const entries = await redis.xrevrange(key, end, start, 'COUNT', SEARCH_WINDOW);
      const found: StoredAuditEvent[] = [];
      const wantedLogin = query.login?.toLowerCase();
      for (const [id, fields] of entries) {
        const raw = fields[fields.indexOf('e') + 1];
        if (!raw) continue;
        const event = JSON.parse(raw) as AuditEvent;
        if (query.kind && event.kind !== query.kind) continue;
        if (wantedLogin && event.login?.toLowerCase() !== wantedLogin) continue;
        found.push({ ...event, id, at: new Date(Number(id.split('-')[0])).toISOString() });
        if (found.length >= limit) break;
      }
      return found;
    },
  };
};
