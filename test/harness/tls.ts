/**
 * @module test/harness/tls
 * A throwaway certificate authority and a server certificate for 127.0.0.1–3 and localhost, made
 * with the openssl CLI, for slapd's ldaps:// and StartTLS (and Samba's, which runs on 127.0.0.2).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCertificates {
  caFile: string;
  certFile: string;
  keyFile: string;
}

const openssl = (args: string[], cwd: string) => {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim() || (error as Error).message}`);
  }
};

/** Makes ca.pem, server.pem and server.key (mode 0600) in `dir`; takes about 0.1 s. */
export const makeCertificates = (dir: string): TestCertificates => {
  mkdirSync(dir, { recursive: true });
  const caFile = join(dir, 'ca.pem');
  const caKey = join(dir, 'ca.key');
  const certFile = join(dir, 'server.pem');
  const keyFile = join(dir, 'server.key');
  const extFile = join(dir, 'server.ext');
  writeFileSync(
    extFile,
    [
      'basicConstraints = CA:FALSE',
      'keyUsage = digitalSignature, keyEncipherment',
      'extendedKeyUsage = serverAuth',
      'subjectAltName = IP:127.0.0.1, IP:127.0.0.2, IP:127.0.0.3, DNS:localhost',
      '',
    ].join('\n'),
  );
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
    '-subj', '/CN=Passerelle test CA', '-keyout', caKey, '-out', caFile], dir);
  openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-subj', '/CN=localhost', '-keyout', keyFile, '-out', join(dir, 'server.csr')], dir);
  openssl(['x509', '-req', '-in', join(dir, 'server.csr'), '-CA', caFile, '-CAkey', caKey, '-CAcreateserial',
    '-days', '2', '-extfile', extFile, '-out', certFile], dir);
  // Samba refuses a key readable by others; slapd does not mind.
  chmodSync(keyFile, 0o600);
  return { caFile, certFile, keyFile };
};
