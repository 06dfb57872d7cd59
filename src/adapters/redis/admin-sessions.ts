/**
 * @module adapters/redis/admin-sessions
 * Console sessions in Redis: one key per session, named by the SHA-256 of its id, holding login,
 * role, CSRF token and times as JSON. The key's TTL is the idle timeout, renewed on each request
 * but never past the absolute lifetime, so Redis forgets a session exactly when it expires.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { redisCall } from './connection.ts';
import type { AdminSession, AdminSessionStore } from '../../ports/admin-sessions.ts';

export interface AdminSessionOptions {
  keyPrefix: string;
  idleMs: number;
  absoluteMs: number;
  now?: () => number;
}

/** 256 random bits, URL-safe: the cookie value. */
const newSecret = () => randomBytes(32).toString('base64url');

const isSession = (value: unknown): value is AdminSession => {
  const s = value as Partial<AdminSession> | null;
  return !!s && typeof s.login === 'string' && (s.role === 'sysadmin' || s.role === 'helpdesk') && typeof s.csrfToken === 'string'
    && typeof s.createdAt === 'number' && typeof s.lastSeenAt === 'number';
};

export const createRedisAdminSessions = (redis: Redis, options: AdminSessionOptions): AdminSessionStore => {
  const now = options.now ?? Date.now;
  const key = (id: string) => `${options.keyPrefix}:admin:session:${createHash('sha256').update(id).digest('base64url')}`;
  /** Time the key may still live: the idle timeout, cut short by the absolute one. */
  const ttlMs = (session: AdminSession, at: number) => Math.min(options.idleMs, session.createdAt + options.absoluteMs - at);

  /** The session if it is still live; an expired one is deleted on sight. */
  const read = async (id: string): Promise<AdminSession | null> => {
    // Ids we never issue (wrong length or alphabet) are not looked up at all.
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    const raw = await redisCall(() => redis.get(key(id)));
    if (!raw) return null;
    let session: unknown;
    try {
      session = JSON.parse(raw);
    } catch {
      session = null;
    }
    const at = now();
    if (!isSession(session) || at - session.lastSeenAt >= options.idleMs || ttlMs(session, at) <= 0) {
      await redisCall(() => redis.del(key(id)));
      return null;
    }
    return session;
  };

  return {
    async create(who) {
      const id = newSecret();
      const at = now();
      const session: AdminSession = { ...who, csrfToken: newSecret(), createdAt: at, lastSeenAt: at };
      await redisCall(() => redis.set(key(id), JSON.stringify(session), 'PX', Math.max(1, Math.ceil(ttlMs(session, at)))));
      return { id, session };
    },

    async touch(id) {
      const found = await read(id);
      if (!found) return null;
      const at = now();
      const renewed: AdminSession = { ...found, lastSeenAt: at };
      // XX: a session destroyed meanwhile (log-out in another tab) is not brought back.
      await redisCall(() => redis.set(key(id), JSON.stringify(renewed), 'PX', Math.max(1, Math.ceil(ttlMs(renewed, at))), 'XX'));
      return renewed;
    },

    peek: (id) => read(id),

    async destroy(id) {
      if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return;
      await redisCall(() => redis.del(key(id)));
    },
  };
};
