/**
 * @module adapters/redis/script
 * Lua scripts run through ioredis's `defineCommand`, which sends EVALSHA and falls back to EVAL
 * once per connection. A script is what makes a check-then-set atomic (sequence guard, finalize).
 */
import type { Redis } from 'ioredis';

type Runner = (...keysAndArgs: (string | number)[]) => Promise<unknown>;

/** A Lua script with a fixed number of keys, callable on any ioredis connection. */
export interface Script {
  (redis: Redis, keys: string[], args: (string | number)[]): Promise<unknown>;
}

/**
 * Declares a script. `numberOfKeys` of -1 means "as many as given" (the first argument then is
 * the key count, as EVAL expects).
 */
export const defineScript = (name: string, lua: string, numberOfKeys = -1): Script => {
  const command = `passerelle_${name}`;
  const defined = new WeakSet<Redis>();
  return (redis, keys, args) => {
    if (!defined.has(redis)) {
      redis.defineCommand(command, { lua, ...(numberOfKeys >= 0 ? { numberOfKeys } : {}) });
      defined.add(redis);
    }
    const run = (redis as unknown as Record<string, Runner>)[command]!.bind(redis);
    return numberOfKeys >= 0 ? run(...keys, ...args) : run(keys.length, ...keys, ...args);
  };
};
