/**
 * @module test/harness/samba-template
 * A provisioned and seeded Samba AD domain, built once per machine (and per Samba version, realm
 * and seed recipe) under node_modules/.cache/passerelle/, then copied for each run (`cp -a`,
 * ≈ 0.1 s) instead of provisioning again (≈ 5–10 s). A lock directory keeps two test processes
 * from building at the same time; the others wait for the result.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'ldapts';
import { isPortFree } from './ports.ts';
import { adLayout, type AdDomain } from './samba-layout.ts';
import { spawnSamba } from './samba-instance.ts';
import { seedDomain } from './samba-seed.ts';
import { makeCertificates } from './tls.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const CACHE_ROOT = join(HERE, '..', '..', 'node_modules', '.cache', 'passerelle');
/** The files whose content defines what a template holds: change one, get a new template. */
const RECIPE_FILES = ['samba-template.ts', 'samba-seed.ts', 'samba-layout.ts', 'samba-instance.ts', 'fixtures/people.ts'];
/** Loopback addresses used while building (under the lock), apart from the ones runs use. */
const BUILD_ADDRESSES = ['127.0.0.254', '127.0.0.253', '127.0.0.252'];
const LOCK_WAIT_MS = 240_000;

export interface SambaTemplate {
  dir: string;
  /** Whether this call built it (false: it was already there). */
  built: boolean;
  /** What building took, from template.json. */
  buildMs: number;
}

const run = (command: string, args: string[], what: string): string => {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim().split('\n').slice(-15).join('\n');
    throw new Error(`${what} failed (${command} ${args[0] ?? ''}): ${stderr || (error as Error).message}`);
  }
};

export const sambaVersion = (): string => run('samba', ['-V'], 'samba -V').trim().replace(/^Version\s+/i, '');

const templateName = (domain: AdDomain): string => {
  const recipe = createHash('sha256');
  for (const file of RECIPE_FILES) recipe.update(readFileSync(join(HERE, file)));
  const version = sambaVersion().replace(/[^0-9A-Za-z.]+/g, '-');
  return `samba-template-${version}-${domain.realm.toLowerCase()}-${recipe.digest('hex').slice(0, 10)}`;
};

/** Takes the machine-wide build lock (a directory: mkdir is atomic), clearing one left by a dead process. */
const acquireLock = async (lockDir: string): Promise<() => void> => {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'owner'), String(process.pid));
      return () => rmSync(lockDir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number(existsSync(join(lockDir, 'owner')) ? readFileSync(join(lockDir, 'owner'), 'utf8') : NaN);
    let alive = Number.isNaN(owner); // no owner file yet: being created, assume alive
    if (!alive) {
      try {
        process.kill(owner, 0);
        alive = true;
      } catch {
        alive = false;
      }
    }
    if (!alive) rmSync(lockDir, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`Samba template lock ${lockDir} still held after ${LOCK_WAIT_MS / 1000} s`);
    await sleep(250);
  }
};

/** The Python that runs samba-tool (its shebang): the one with Samba's ldb bindings. */
const sambaPython = (): string => {
  const samba = run('sh', ['-c', 'command -v samba-tool'], 'finding samba-tool').trim();
  return readFileSync(samba, 'utf8').split('\n')[0]!.replace(/^#!\s*/, '').split(/\s+/)[0]!;
};

/** Moves pwdLastSet into the past in the stopped DC's raw partition (LDAP accepts only 0 and -1). */
const ageDomainPasswords = (dir: string, dns: string[], daysAgo: number) => {
  const partitions = join(dir, 'private', 'sam.ldb.d');
  const file = readdirSync(partitions).find((name) => name.startsWith('DC%3D') && name.endsWith('.ldb'));
  if (!file) throw new Error(`no domain partition in ${partitions}`);
  const ntTime = (BigInt(Math.floor(Date.now() / 1000) - daysAgo * 86_400) + 11_644_473_600n) * 10_000_000n;
  const script = [
    'import sys, ldb, samba',
    // samba.Ldb folds case like Samba (Unicode: accented DNs are found); a partition file loads no module stack.
    'db = samba.Ldb(sys.argv[1])',
    'for dn in sys.argv[3:]:',
    '    m = ldb.Message()',
    '    m.dn = ldb.Dn(db, dn)',
    "    m['pwdLastSet'] = ldb.MessageElement(sys.argv[2], ldb.FLAG_MOD_REPLACE, 'pwdLastSet')",
    '    db.modify(m)',
  ].join('\n');
  run(sambaPython(), ['-c', script, join(partitions, file), String(ntTime), ...dns], 'ageing pwdLastSet');
};

/** A build address whose LDAP ports are free (a Samba left by a killed run may hold one). */
const freeBuildAddress = async (): Promise<string> => {
  for (const address of BUILD_ADDRESSES) {
    if ((await isPortFree(389, address)) && (await isPortFree(636, address))) return address;
  }
  throw new Error(`no free build address among ${BUILD_ADDRESSES.join(', ')} (ports 389/636 taken: ss -ltnp | grep samba)`);
};

const build = async (dir: string, domain: AdDomain): Promise<number> => {
  const started = Date.now();
  const layout = adLayout(domain);
  run('samba-tool', [
    'domain', 'provision', `--targetdir=${dir}`, `--realm=${domain.realm}`, `--domain=${domain.netbios}`, '--server-role=dc',
    '--dns-backend=NONE', '--use-rfc2307', `--adminpass=${layout.admin.password}`, '--host-name=dc1',
    '--option=interfaces=127.0.0.254/8', '--option=bind interfaces only=yes',
  ], 'samba-tool domain provision');
  run('samba-tool', [
    'domain', 'passwordsettings', 'set', '-H', join(dir, 'private', 'sam.ldb'), '--complexity=on', '--history-length=24',
    '--min-pwd-length=7', '--min-pwd-age=0', '--max-pwd-age=0', '--account-lockout-threshold=5',
    '--account-lockout-duration=0', '--reset-account-lockout-after=30',
  ], 'samba-tool domain passwordsettings set');
  const certificates = makeCertificates(join(dir, 'tls'));
  const address = await freeBuildAddress();
  const { process: samba } = await spawnSamba({ dir, address, domain, certificates });
  let expiredDns: string[];
  try {
    const tlsOptions = { ca: [readFileSync(certificates.caFile)], host: address, servername: 'localhost' };
    const connect = () => new Client({ url: `ldaps://${address}:636`, timeout: 10_000, connectTimeout: 2000, tlsOptions: { ...tlsOptions } });
    const client = connect();
    try {
      await client.bind(layout.admin.dn, layout.admin.password);
      ({ expiredDns } = await seedDomain({ client, layout, realm: domain.realm, privateDir: join(dir, 'private'), connect }));
    } finally {
      await client.unbind().catch(() => undefined);
    }
  } finally {
    await samba.stop();
  }
  ageDomainPasswords(dir, expiredDns, 3);
  for (const sub of ['tls', 'log', 'run', 'cache', 'etc']) rmSync(join(dir, sub), { recursive: true, force: true });
  return Date.now() - started;
};

/** Templates of the same realm from an older Samba or seed recipe, left for a while in case a run still copies one. */
const removeStaleTemplates = (current: string, domain: AdDomain) => {
  const realm = domain.realm.toLowerCase().replace(/[.]/g, '\\.');
  const sameRealm = new RegExp(`^samba-template-.+-${realm}-[0-9a-f]{10}$`);
  for (const name of readdirSync(CACHE_ROOT)) {
    const path = join(CACHE_ROOT, name);
    if (name !== current && sameRealm.test(name) && Date.now() - statSync(path).mtimeMs > 10 * 60_000) rmSync(path, { recursive: true, force: true });
  }
};

/** The template directory for `domain`, building it first if this machine has none yet. */
export const ensureSambaTemplate = async (domain: AdDomain): Promise<SambaTemplate> => {
  const name = templateName(domain);
  const dir = join(CACHE_ROOT, name);
  const marker = join(dir, 'template.json');
  const read = (built: boolean): SambaTemplate => ({ dir, built, buildMs: (JSON.parse(readFileSync(marker, 'utf8')) as { buildMs: number }).buildMs });
  if (existsSync(marker)) return read(false);
  mkdirSync(CACHE_ROOT, { recursive: true });
  const release = await acquireLock(join(CACHE_ROOT, 'samba-template.lock'));
  try {
    if (existsSync(marker)) return read(false); // built by another process while we waited
    // Built under /tmp: Samba's messaging sockets live in its directories, and a Unix socket path
    // must stay under 108 bytes, which a path inside node_modules/.cache can exceed.
    const buildDir = mkdtempSync(join(tmpdir(), 'passerelle-samba-build-'));
    const staging = join(CACHE_ROOT, `${name}.staging-${process.pid}`);
    try {
      const buildMs = await build(buildDir, domain);
      writeFileSync(join(buildDir, 'template.json'), JSON.stringify({ samba: sambaVersion(), realm: domain.realm, builtAt: new Date().toISOString(), buildMs }, null, 2));
      rmSync(staging, { recursive: true, force: true });
      run('cp', ['-a', buildDir, staging], 'copying the template into the cache');
      rmSync(dir, { recursive: true, force: true });
      renameSync(staging, dir);
      removeStaleTemplates(name, domain);
    } finally {
      rmSync(buildDir, { recursive: true, force: true });
      rmSync(staging, { recursive: true, force: true });
    }
    return read(true);
  } finally {
    release();
  }
};
