/**
 * @module test/integration/sync/support/redis-scan
 * Reads every key and every value of a Redis (strings, hashes, lists, sets, sorted sets,
 * streams), to prove that no password, nor anything derived from it, sits there in clear.
 */
import { Redis } from 'ioredis';

/** The forms a secret could take in a value: as is, base64, base64url, hex (both cases), UTF-16LE base64. */
export const secretForms = (secret: string): string[] => {
  const bytes = Buffer.from(secret, 'utf8');
  return [
    secret,
    bytes.toString('base64'),
    bytes.toString('base64url'),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    Buffer.from(secret, 'utf16le').toString('base64'),
  ];
};

/** Every key and value of the Redis at `url`, as text. */
export const dumpRedis = async (url: string): Promise<{ key: string; text: string }[]> => {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    const keys = await redis.keys('*');
    return await Promise.all(
      keys.map(async (key) => {
        const type = await redis.type(key);
        let value: unknown;
        if (type === 'string') value = await redis.get(key);
        else if (type === 'hash') value = await redis.hgetall(key);
        else if (type === 'list') value = await redis.lrange(key, 0, -1);
        else if (type === 'set') value = await redis.smembers(key);
        else if (type === 'zset') value = await redis.zrange(key, 0, -1, 'WITHSCORES');
        else if (type === 'stream') value = await redis.xrange(key, '-', '+');
        else value = `(${type})`;
        return { key, text: `${key} ${JSON.stringify(value)}` };
      }),
    );
  } finally {
    redis.disconnect();
  }
};

/** The entries holding any form of any secret. */
export const findSecrets = (dump: { key: string; text: string }[], secrets: string[]): string[] => {
  const forms = secrets.flatMap(secretForms);
  return dump.filter(({ text }) => forms.some((form) => text.includes(form))).map(({ key }) => key);
};
