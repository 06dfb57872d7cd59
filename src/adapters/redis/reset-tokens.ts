/**
 * @module adapters/redis/reset-tokens
 * The reset-token store in Redis. A token is 32 random bytes in base64url; Redis holds only its
 * SHA-256 (key `…:reset:t:<hash>`, value = login and expiry, with the TTL) and, per account, the
 * hash of the one live token (`…:reset:a:<hash of login>`). Every step that must not interleave
 * (issue replaces the older token, claim takes it, release gives it back) is one Lua script.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ResetTokenGrant, ResetTokenStore } from '../../ports/reset-tokens.ts';
import { redisCall } from './connection.ts';
import { defineScript } from './script.ts';

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('base64url');

/** The shape every token has; anything else is unknown without asking Redis. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

// KEYS[1] account key, KEYS[2] new token key; ARGV[1] token key prefix, ARGV[2] new hash, ARGV[3] value, ARGV[4] ttl ms.
const ISSUE = defineScript('reset_issue', `
local old = redis.call('GET', KEYS[1])
if old then redis.call('DEL', ARGV[1] .. old) end
redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[4])
return 1`);

// KEYS[1] account key; ARGV[1] token key prefix.
const REVOKE_ALL = defineScript('reset_revoke_all', `
local old = redis.call('GET', KEYS[1])
if old then redis.call('DEL', ARGV[1] .. old) end
redis.call('DEL', KEYS[1])
return 1`);

// KEYS[1] account key, KEYS[2] token key; ARGV[1] hash, ARGV[2] value, ARGV[3] expiry (ms since epoch).
// Only while the account still points at this token (no newer token, no revocation) and it has not expired.
const RELEASE = defineScript('reset_release', `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
if tonumber(ARGV[3]) <= nowMs then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PXAT', ARGV[3])
return 1`);

interface Stored {
  /** login */
  l: string;
  /** expiry, ms since epoch */
  e: number;
}

const parse = (raw: string | null): ResetTokenGrant | null => {
  if (!raw) return null;
  const stored = JSON.parse(raw) as Stored;
  return { login: stored.l, expiresAt: new Date(stored.e) };
};

export const createRedisResetTokens = (redis: Redis, keyPrefix: string): ResetTokenStore => {
  const tokenPrefix = `${keyPrefix}:reset:t:`;
  // LDAP logins compare case-insensitively: one account, one key, whatever the case typed.
  const accountKey = (login: string) => `${keyPrefix}:reset:a:${sha256(login.toLowerCase())}`;
  const tokenKey = (hash: string) => `${tokenPrefix}${hash}`;

  return {
    async issue(login, ttlSeconds) {
      const token = randomBytes(32).toString('base64url');
      const hash = sha256(token);
      const ttlMs = ttlSeconds * 1000;
      const value = JSON.stringify({ l: login, e: Date.now() + ttlMs } satisfies Stored);
      await redisCall(() => ISSUE(redis, [accountKey(login), tokenKey(hash)], [tokenPrefix, hash, value, ttlMs]));
      return token;
    },

    async peek(token) {
      if (!TOKEN_PATTERN.test(token)) return null;
      return parse(await redisCall(() => redis.get(tokenKey(sha256(token)))));
    },

    async claim(token) {
      if (!TOKEN_PATTERN.test(token)) return null;
      return parse(await redisCall(() => redis.getdel(tokenKey(sha256(token)))));
    },

    async release(token, grant) {
      const hash = sha256(token);
      const value = JSON.stringify({ l: grant.login, e: grant.expiresAt.getTime() } satisfies Stored);
      await redisCall(() => RELEASE(redis, [accountKey(grant.login), tokenKey(hash)], [hash, value, grant.expiresAt.getTime()]));
    },

    async revokeAll(login) {
      await redisCall(() => REVOKE_ALL(redis, [accountKey(login)], [tokenPrefix]));
    },
  };
};
