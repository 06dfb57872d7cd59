/**
 * @module test/harness/global-setup
 * vitest globalSetup of the integration and browser projects: one slapd and one Redis for the
 * whole run, handed to tests as plain data through `inject('servers')`, stopped at the end.
 * Tests that stop or break a server start their own instance (startSlapd / startRedis) instead.
 */
import type { TestProject } from 'vitest/node';
import { startRedisContainer, startSlapdContainer, useContainers } from './containers.ts';
import { startRedis, type RedisInfo } from './redis.ts';
import { setupSamba } from './samba.ts';
import { sambaSchemaAvailable } from './slapd-config.ts';
import { startSlapd, type SlapdInfo } from './slapd.ts';

/** What `inject('servers')` returns. */
export interface TestServers {
  /** OpenLDAP with the fixtures (fixtures/people.ts); samba.schema loaded when Debian ships it. */
  slapd: SlapdInfo;
  redis: RedisInfo;
}

declare module 'vitest' {
  export interface ProvidedContext {
    servers: TestServers;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stops: (() => Promise<void>)[] = [];
  const teardown = async () => {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.error('harness teardown:', error));
  };
  try {
    const sambaSchema = sambaSchemaAvailable();
    let servers: TestServers;
    if (await useContainers()) {
      const [slapd, redis] = await Promise.all([startSlapdContainer({ sambaSchema }), startRedisContainer()]);
      stops.push(slapd.stop, redis.stop);
      servers = { slapd: slapd.info, redis: redis.info };
    } else {
      const [slapd, redis] = await Promise.all([startSlapd({ sambaSchema }), startRedis()]);
      stops.push(slapd.destroy, redis.destroy);
      servers = { slapd: slapd.info(), redis: redis.info() };
    }
    project.provide('servers', servers);

    // Samba AD DC (test/harness/samba.ts): provides `inject('samba')`, returns its stop function.
    stops.push(await setupSamba(project));
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
