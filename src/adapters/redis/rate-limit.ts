/**
 * @module adapters/redis/rate-limit
 * The rate-limit port on rate-limiter-flexible's Redis limiter, so that every instance shares the
 * same counters. One limiter per configured bucket; keys are hashed so that typed identities
 * (logins, mail addresses) do not sit in Redis in clear.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { LimitConfig } from '../../config/common.ts';
import { PasserelleError, unavailable } from '../../errors.ts';
import type { LimitBucket, RateLimitPort } from '../../ports/rate-limit.ts';

const hashKey = (key: string) => createHash('sha256').update(key).digest('base64url').slice(0, 32);

const limited = (res: RateLimiterRes, bucket: LimitBucket) =>
  new PasserelleError('rate_limited', 'Too many attempts', {
    details: { retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) },
    context: { bucket },
  });

export const createRedisRateLimit = (redis: Redis, keyPrefix: string, limits: Record<LimitBucket, LimitConfig>): RateLimitPort => {
  const limiters = new Map<LimitBucket, RateLimiterRedis>();
  const limiter = (bucket: LimitBucket) => {
    let found = limiters.get(bucket);
    if (!found) {
      const { points, durationSeconds, blockSeconds } = limits[bucket];
      found = new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${keyPrefix}:rl:${bucket}`,
        points,
        duration: durationSeconds,
        blockDuration: blockSeconds,
        rejectIfRedisNotReady: true,
      });
      limiters.set(bucket, found);
    }
    return found;
  };

  return {
    async consume(bucket, key) {
      try {
        await limiter(bucket).consume(hashKey(key));
      } catch (error) {
        if (error instanceof RateLimiterRes) throw limited(error, bucket);
        throw unavailable('redis', error);
      }
    },
    async check(bucket, key) {
      let res: RateLimiterRes | null;
      try {
        res = await limiter(bucket).get(hashKey(key));
      } catch (error) {
        throw unavailable('redis', error);
      }
      if (res && res.consumedPoints >= limits[bucket].points && res.msBeforeNext > 0) throw limited(res, bucket);
    },
    async reset(bucket, key) {
      try {
        await limiter(bucket).delete(hashKey(key));
      } catch (error) {
        throw unavailable('redis', error);
      }
    },
  };
};
