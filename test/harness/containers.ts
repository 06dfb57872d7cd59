/**
 * @module test/harness/containers
 * Optional: with PASSERELLE_TEST_CONTAINERS=1 and a Docker engine that answers, the shared slapd
 * and Redis of a test run are containers (redis:7, and Debian's slapd built from
 * containers/slapd/Dockerfile with the same config and seed) instead of local processes.
 *
 * UNVERIFIED: the machine kind this project is developed and tested on has no Docker engine, so
 * this path has never run. Only the probe (which rejects in about 0.4 s without an engine) is
 * exercised. Private instances for fault tests are always local processes (stop/start below are
 * container stop/restart and were not tried either).
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN, BASE_DN, GROUPS_BASE, PEOPLE_BASE, SERVICE } from './fixtures/layout.ts';
import type { RedisInfo } from './redis.ts';
import { SAMBA_SCHEMA, TEST_SCHEMA, sambaSchemaAvailable, seedLdif, slapdConf } from './slapd-config.ts';
import type { SlapdInfo } from './slapd.ts';
import { makeCertificates } from './tls.ts';

export interface ContainerServer<I> {
  info: I;
  stop(): Promise<void>;
}

/** True when containers were asked for and a container runtime answers. */
export const useContainers = async (): Promise<boolean> => {
  if (process.env.PASSERELLE_TEST_CONTAINERS !== '1') return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch (error) {
    console.warn(`PASSERELLE_TEST_CONTAINERS=1 but no container runtime answers (${(error as Error).message}); using local processes`);
    return false;
  }
};

export const startRedisContainer = async (): Promise<ContainerServer<RedisInfo>> => {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('redis:7')
    .withCommand(['redis-server', '--save', '', '--appendonly', 'no'])
    .withExposedPorts(6379)
    .withWaitStrategy(Wait.forLogMessage('Ready to accept connections'))
    .start();
  const host = container.getHost();
  const port = container.getMappedPort(6379);
  return {
    info: { url: `redis://${host}:${port}`, host, port, dir: '(container)', logFile: '(docker logs)' },
    stop: async () => {
      await container.stop();
    },
  };
};

export const startSlapdContainer = async (options: { sambaSchema?: boolean } = {}): Promise<ContainerServer<SlapdInfo>> => {
  const { GenericContainer, Wait } = await import('testcontainers');
  const sambaSchema = (options.sambaSchema ?? false) && sambaSchemaAvailable();
  const local = mkdtempSync(join(tmpdir(), 'passerelle-slapd-container-'));
  const inside = '/passerelle';
  mkdirSync(join(local, 'schema'));
  copyFileSync(TEST_SCHEMA, join(local, 'schema', 'passerelle-test.schema'));
  if (sambaSchema) copyFileSync(SAMBA_SCHEMA, join(local, 'schema', 'samba.schema'));
  const certificates = makeCertificates(join(local, 'tls'));
  const atInside = (path: string) => path.replace(local, inside);
  writeFileSync(
    join(local, 'slapd.conf'),
    slapdConf({
      dataDir: `${inside}/data`,
      runDir: `${inside}/run`,
      certificates: { caFile: atInside(certificates.caFile), certFile: atInside(certificates.certFile), keyFile: atInside(certificates.keyFile) },
      sambaSchema,
      schemaPaths: { test: `${inside}/schema/passerelle-test.schema`, samba: `${inside}/schema/samba.schema` },
    }),
  );
  writeFileSync(join(local, 'seed.ldif'), seedLdif());
  const image = await GenericContainer.fromDockerfile(fileURLToPath(new URL('./containers/slapd', import.meta.url))).build();
  const container = await image
    .withCopyDirectoriesToContainer([{ source: local, target: inside }])
    .withExposedPorts(389, 636)
    .withWaitStrategy(Wait.forListeningPorts())
    .start();
  const host = container.getHost();
  return {
    info: {
      url: `ldap://${host}:${container.getMappedPort(389)}`,
      ldapsUrl: `ldaps://${host}:${container.getMappedPort(636)}`,
      caFile: certificates.caFile,
      baseDn: BASE_DN,
      peopleBase: PEOPLE_BASE,
      groupsBase: GROUPS_BASE,
      admin: { ...ADMIN },
      service: { ...SERVICE },
      dataDir: '(container)',
      logFile: '(docker logs)',
      sambaSchema,
    },
    stop: async () => {
      await container.stop();
    },
  };
};
