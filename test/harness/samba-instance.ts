/**
 * @module test/harness/samba-instance
 * Runs one Samba AD DC from a provisioned directory, on a loopback address of its own (its LDAP
 * ports are fixed: 389, 636, 3268, 3269), as a foreground child process (`samba -i -M single`).
 * The smb.conf is written for each instance, so that nothing is shared between two of them
 * (shared/notes/real-servers.md: pid, ncalrpc, winbindd socket and log directories, tls key 0600).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { startServer, type ServerProcess } from './process.ts';
import type { AdDomain } from './samba-layout.ts';
import type { TestCertificates } from './tls.ts';

export interface SambaInstanceSpec {
  /** Provisioned directory (holds private/, state/…). */
  dir: string;
  /** 127.x.y.z to listen on. */
  address: string;
  domain: AdDomain;
  certificates: TestCertificates;
}

/** smb.conf for one instance: LDAP only, its own directories, our certificate, no old-password window. */
export const sambaConf = ({ dir, address, domain, certificates }: SambaInstanceSpec): string =>
  [
    '[global]',
    '\tnetbios name = DC1',
    `\trealm = ${domain.realm}`,
    `\tworkgroup = ${domain.netbios}`,
    '\tserver role = active directory domain controller',
    // LDAP is all the tests need; no SMB, Kerberos, DNS or replication services.
    '\tserver services = ldap',
    `\tinterfaces = ${address}/8`,
    '\tbind interfaces only = yes',
    `\tprivate dir = ${join(dir, 'private')}`,
    `\tlock directory = ${dir}`,
    `\tstate directory = ${join(dir, 'state')}`,
    `\tcache directory = ${join(dir, 'cache')}`,
    `\tbinddns dir = ${join(dir, 'bind-dns')}`,
    `\tpid directory = ${join(dir, 'run')}`,
    `\tncalrpc dir = ${join(dir, 'run', 'ncalrpc')}`,
    `\twinbindd socket directory = ${join(dir, 'run', 'winbindd')}`,
    `\tlog file = ${join(dir, 'log', 'samba.log')}`,
    '\tlog level = 1',
    '\ttls enabled = yes',
    `\ttls keyfile = ${certificates.keyFile}`,
    `\ttls certfile = ${certificates.certFile}`,
    `\ttls cafile = ${certificates.caFile}`,
    // Without this the previous password still binds for 60 minutes after a change (NTLM window).
    '\told password allowed period = 0',
    '\tidmap_ldb:use rfc2307 = yes',
    '',
  ].join('\n');

/** Ready when a root DSE read answers over LDAPS with our CA (0.5–1.4 s after spawn here). */
export const ldapsAnswers = async (address: string, caFile: string): Promise<boolean> => {
  const client = new Client({
    url: `ldaps://${address}:636`,
    timeout: 1000,
    connectTimeout: 500,
    tlsOptions: { ca: [readFileSync(caFile)], host: address, servername: 'localhost' },
  });
  try {
    await client.search('', { scope: 'base', filter: '(objectClass=*)', attributes: ['defaultNamingContext'] });
    return true;
  } finally {
    await client.unbind().catch(() => undefined);
  }
};

let setprivFound: boolean | undefined;
const hasSetpriv = (): boolean => {
  if (setprivFound === undefined) {
    try {
      execFileSync('setpriv', ['--version'], { stdio: 'ignore' });
      setprivFound = true;
    } catch {
      setprivFound = false;
    }
  }
  return setprivFound;
};

/** Writes the instance's smb.conf and starts Samba; resolves once LDAPS answers. */
export const spawnSamba = async (spec: SambaInstanceSpec): Promise<{ process: ServerProcess; logFile: string; configFile: string }> => {
  for (const sub of ['run', 'log', 'cache', 'bind-dns', 'state']) mkdirSync(join(spec.dir, sub), { recursive: true });
  const configFile = join(spec.dir, 'etc', 'smb.conf');
  mkdirSync(join(spec.dir, 'etc'), { recursive: true });
  writeFileSync(configFile, sambaConf(spec));
  const logFile = join(spec.dir, 'log', 'stdout.log');
  const samba = ['samba', '-i', '-M', 'single', '-s', configFile];
  // setpriv --pdeathsig: Samba dies with the process that started it, even one killed outright (a
  // vitest worker past its timeout), instead of keeping the address for the next run.
  const [command, ...args] = hasSetpriv() ? ['setpriv', '--pdeathsig', 'KILL', '--', ...samba] : samba;
  const process = await startServer({
    name: `samba (${spec.domain.realm} on ${spec.address})`,
    command: command!,
    args,
    logFile,
    probe: () => ldapsAnswers(spec.address, spec.certificates.caFile),
    readyTimeoutMs: 30_000,
  });
  return { process, logFile, configFile };
};
