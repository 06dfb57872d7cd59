/**
 * @module test/harness/slapd
 * Starts a throwaway OpenLDAP slapd on free loopback ports (ldap:// with StartTLS, and ldaps://),
 * seeded offline with slapadd, as a foreground child process. Fault tests stop and restart it on
 * the same data; `destroy()` removes everything.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { freePort } from './ports.ts';
import { startServer, ServerStartError, type ServerProcess } from './process.ts';
import { seedLdif, slapdConf } from './slapd-config.ts';
import { makeCertificates } from './tls.ts';
import { ADMIN, BASE_DN, GROUPS_BASE, PEOPLE_BASE, SERVICE } from './fixtures/layout.ts';

export interface SlapdOptions {
  /** Load Debian's samba.schema (sambaNTPassword, sambaPwdLastSet). Default false. */
  sambaSchema?: boolean;
  /** slapd debug level for the log file (`-d`), e.g. 'stats'. Default 0 (errors only). */
  debug?: string;
  /** Where to keep config, data, certificates and log; default a new temp dir. */
  dir?: string;
  /** More LDIF entries to seed offline with the fixtures (the bench's thousands of people); passwords pre-hashed. */
  extraSeed?: string;
  /** No fsync per write (mdb dbnosync): for the bench only, never for tests of durability. */
  dbNoSync?: boolean;
}

/** What tests and the harness's config need to reach a test slapd: plain data, serializable. */
export interface SlapdInfo {
  /** ldap://127.0.0.1:port (StartTLS available). */
  url: string;
  /** ldaps://127.0.0.1:port */
  ldapsUrl: string;
  caFile: string;
  baseDn: string;
  peopleBase: string;
  groupsBase: string;
  /** The rootdn: fixtures and test set-up only (bypasses ACLs and ppolicy). */
  admin: { dn: string; password: string };
  /** The non-root account Passerelle uses. */
  service: { dn: string; password: string };
  dataDir: string;
  logFile: string;
  sambaSchema: boolean;
}

export interface SlapdHandle extends SlapdInfo {
  /** SIGTERM; the data stays. */
  stop(): Promise<void>;
  /** Starts again on the same ports and data. */
  start(): Promise<void>;
  /** Stops and deletes the instance's directory. */
  destroy(): Promise<void>;
  readonly running: boolean;
  /** The serializable part, for vitest's `provide`. */
  info(): SlapdInfo;
}

/** Ready when an anonymous root DSE read answers (0.1–0.15 s after spawn on this machine kind). */
const rootDseAnswers = async (url: string): Promise<boolean> => {
  const client = new Client({ url, timeout: 1000, connectTimeout: 500 });
  try {
    await client.search('', { scope: 'base', filter: '(objectClass=*)', attributes: ['namingContexts'] });
    return true;
  } finally {
    await client.unbind().catch(() => undefined);
  }
};

export const startSlapd = async (options: SlapdOptions = {}): Promise<SlapdHandle> => {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'passerelle-slapd-'));
  const dataDir = join(dir, 'data');
  const runDir = join(dir, 'run');
  const logFile = join(dir, 'slapd.log');
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(runDir, { recursive: true });
  const certificates = makeCertificates(join(dir, 'tls'));
  const sambaSchema = options.sambaSchema ?? false;
  const configFile = join(dir, 'slapd.conf');
  writeFileSync(configFile, slapdConf({ dataDir, runDir, certificates, sambaSchema, dbNoSync: options.dbNoSync ?? false }));
  const seedFile = join(dir, 'seed.ldif');
  writeFileSync(seedFile, seedLdif() + (options.extraSeed ? `\n${options.extraSeed}` : ''));
  try {
    execFileSync('slapadd', ['-q', '-f', configFile, '-l', seedFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`slapadd failed to seed ${dataDir} (config ${configFile}): ${stderr || (error as Error).message}`);
  }

  let ports = { ldap: 0, ldaps: 0 };
  let server: ServerProcess | undefined;
  const url = () => `ldap://127.0.0.1:${ports.ldap}`;
  const ldapsUrl = () => `ldaps://127.0.0.1:${ports.ldaps}`;

  const spawnSlapd = () =>
    startServer({
      name: 'slapd',
      command: 'slapd',
      args: ['-d', options.debug ?? '0', '-f', configFile, '-h', `${url()}/ ${ldapsUrl()}/`],
      logFile,
      probe: () => rootDseAnswers(url()),
    });

  const start = async () => {
    if (server?.running) return;
    server = await spawnSlapd();
  };

  // First start: pick ports, and pick again if another process took one meanwhile.
  for (let attempt = 1; ; attempt += 1) {
    ports = { ldap: await freePort(), ldaps: await freePort() };
    try {
      server = await spawnSlapd();
      break;
    } catch (error) {
      if (!(error instanceof ServerStartError && error.addressInUse) || attempt >= 3) throw error;
    }
  }

  const info = (): SlapdInfo => ({
    url: url(),
    ldapsUrl: ldapsUrl(),
    caFile: certificates.caFile,
    baseDn: BASE_DN,
    peopleBase: PEOPLE_BASE,
    groupsBase: GROUPS_BASE,
    admin: { ...ADMIN },
    service: { ...SERVICE },
    dataDir,
    logFile,
    sambaSchema,
  });

  return {
    ...info(),
    info,
    get running() {
      return server?.running ?? false;
    },
    start,
    stop: async () => {
      await server?.stop();
    },
    destroy: async () => {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
