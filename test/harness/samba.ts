/**
 * @module test/harness/samba
 * Starts a throwaway Samba AD domain controller for tests and the demo: a copy of the machine's
 * cached template (samba-template.ts) started on its own loopback address, 127.0.0.2 for the
 * academy's domain and 127.0.0.3 for a second one (the workstations' domain, a sync target). When
 * the address is taken (another run, the demo), the next free candidate is used: certificates
 * name "localhost", so clients check them with `tlsServerName: 'localhost'` wherever the DC listens.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { isPortFree } from './ports.ts';
import { ServerStartError, type ServerProcess } from './process.ts';
import { spawnSamba } from './samba-instance.ts';
import { ACADEMY_DOMAIN, adLayout, WORKSTATION_DOMAIN, type AdDomain, type AdLayout } from './samba-layout.ts';
import { ensureSambaTemplate } from './samba-template.ts';
import { makeCertificates } from './tls.ts';

export interface SambaOptions {
  /** Which domain: the academy's (default) or the workstations'. */
  domain?: AdDomain;
  /** Loopback addresses to try in turn; default 127.0.0.2 (academy) or 127.0.0.3 (workstations), then 127.0.0.4–11. */
  addresses?: string[];
  /** Where to keep the copy; default a new temp dir. */
  dir?: string;
}

/** What tests and the harness's config need to reach a test DC: plain data, serializable for `provide`. */
export interface SambaInfo extends AdLayout {
  /** ldaps://<address>:636 */
  url: string;
  /** ldap://<address>:389, for StartTLS. */
  startTlsUrl: string;
  address: string;
  caFile: string;
  /** The name the certificate is checked against (its SAN), whatever the address. */
  tlsServerName: string;
  realm: string;
  /** NetBIOS name. */
  domain: string;
  /** This instance's copy of the template (claims of the expired pool are kept here). */
  dataDir: string;
  logFile: string;
  timings: { templateBuiltMs?: number; copyMs: number; startMs: number };
}

export interface SambaHandle extends SambaInfo {
  /** SIGTERM; the data stays. */
  stop(): Promise<void>;
  /** Starts again on the same address and data. */
  start(): Promise<void>;
  /** Stops and deletes the copy. */
  destroy(): Promise<void>;
  readonly running: boolean;
  /** The serializable part, for vitest's `provide`. */
  info(): SambaInfo;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's Samba AD DC (academy domain), started by global-setup.ts. */
    samba: SambaInfo;
  }
}

const defaultAddresses = (domain: AdDomain) => [
  domain === WORKSTATION_DOMAIN ? '127.0.0.3' : '127.0.0.2',
  ...Array.from({ length: 8 }, (_, i) => `127.0.0.${4 + i}`),
];

/** Copies the template and starts Samba on the first free candidate address. */
export const startSambaAd = async (options: SambaOptions = {}): Promise<SambaHandle> => {
  const domain = options.domain ?? ACADEMY_DOMAIN;
  const template = await ensureSambaTemplate(domain);
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'passerelle-samba-'));
  const copyStarted = Date.now();
  execFileSync('cp', ['-a', `${template.dir}/.`, dir]);
  const copyMs = Date.now() - copyStarted;
  const certificates = makeCertificates(join(dir, 'tls'));

  let address = '';
  let server: ServerProcess | undefined;
  let logFile = '';
  const spawn = async () => {
    const started = await spawnSamba({ dir, address, domain, certificates });
    server = started.process;
    logFile = started.logFile;
  };

  const startStarted = Date.now();
  const candidates = options.addresses ?? defaultAddresses(domain);
  for (const [index, candidate] of candidates.entries()) {
    const last = index === candidates.length - 1;
    if (!(await isPortFree(636, candidate)) || !(await isPortFree(389, candidate))) {
      if (last) throw new Error(`no free address for Samba among ${candidates.join(', ')} (ports 389/636 all taken)`);
      continue;
    }
    address = candidate;
    try {
      await spawn();
      break;
    } catch (error) {
      // Another DC took the address between the probe and the start (Samba says ADDRESS_ALREADY_ASSOCIATED).
      const taken = error instanceof ServerStartError && (error.addressInUse || /ADDRESS_ALREADY_ASSOCIATED/.test(error.message));
      if (!taken || last) throw error;
    }
  }
  const startMs = Date.now() - startStarted;

  const info = (): SambaInfo => ({
    ...adLayout(domain),
    url: `ldaps://${address}:636`,
    startTlsUrl: `ldap://${address}:389`,
    address,
    caFile: certificates.caFile,
    tlsServerName: 'localhost',
    realm: domain.realm,
    domain: domain.netbios,
    dataDir: dir,
    logFile,
    timings: { ...(template.built ? { templateBuiltMs: template.buildMs } : {}), copyMs, startMs },
  });

  return {
    ...info(),
    info,
    get running() {
      return server?.running ?? false;
    },
    start: async () => {
      if (!server?.running) await spawn();
    },
    stop: async () => {
      await server?.stop();
    },
    destroy: async () => {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/**
 * For test/harness/global-setup.ts: starts the run's shared DC, provides its info as
 * `inject('samba')`, and returns what stops it.
 */
export const setupSamba = async (project: TestProject): Promise<() => Promise<void>> => {
  const samba = await startSambaAd();
  project.provide('samba', samba.info());
  const { templateBuiltMs, copyMs, startMs } = samba.timings;
  console.info(
    `samba: ${samba.realm} on ${samba.address}` +
      `${templateBuiltMs === undefined ? '' : `, template built in ${(templateBuiltMs / 1000).toFixed(1)} s`}` +
      `, copied in ${copyMs} ms, LDAPS ready in ${startMs} ms`,
  );
  return samba.destroy;
};
