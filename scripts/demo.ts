/**
 * @module scripts/demo
 * `npm run demo`: the portal with demo accounts against throwaway local servers it starts itself
 * (slapd with ppolicy and TLS, Redis with AOF, an SMTP sink with a mailbox page), configured by
 * config/demo.yml. Prints the address and the demo logins; Ctrl-C stops everything.
 * `npm run demo -- --port 8080` picks the port (default 8080, or a free one if taken).
 */
import { serve } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { waitReady } from '../src/adapters/redis/connection.ts';
import { composeWeb } from '../src/compose.ts';
import { loadConfig } from '../src/config/load.ts';
import { createLogger } from '../src/lib/logger.ts';
import { warmUpPolicy } from '../src/policy/evaluate.ts';
import { fixturePeople, freePort, isPortFree, sambaSchemaAvailable, startRedis, startSlapd, GROUPS } from '../test/harness/index.ts';
import { startDemoMailbox } from './demo-mailbox.ts';

const { values } = parseArgs({ options: { port: { type: 'string' }, quiet: { type: 'boolean' } } });
const wanted = Number(values.port ?? process.env.PORT ?? 8080);
const port = (await isPortFree(wanted)) ? wanted : await freePort();

process.stdout.write('Démarrage des serveurs de démonstration (slapd, Redis, SMTP)…\n');
const [slapd, redis] = await Promise.all([startSlapd({ sambaSchema: sambaSchemaAvailable() }), startRedis({ appendonly: true })]);
const mailbox = await startDemoMailbox(await freePort());

Object.assign(process.env, {
  PASSERELLE_DEMO: '1',
  DEMO_PORT: String(port),
  DEMO_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  DEMO_COOKIE_SECRET: randomBytes(32).toString('base64url'),
  DEMO_LDAP_URL: slapd.url,
  DEMO_LDAP_CA: slapd.caFile,
  DEMO_LDAP_BIND_DN: slapd.service.dn,
  DEMO_LDAP_BIND_PASSWORD: slapd.service.password,
  DEMO_LDAP_BASE: slapd.peopleBase,
  DEMO_LDAP_FILTER: '(objectClass=inetOrgPerson)',
  DEMO_REDIS_URL: redis.url,
  DEMO_SMTP_PORT: String(mailbox.sink.port),
  DEMO_SYSADMIN_GROUP: GROUPS.sysadmins,
  DEMO_HELPDESK_GROUP: GROUPS.helpdesk,
  DEMO_LOG_LEVEL: values.quiet ? 'warn' : 'info',
});

const config = loadConfig('config/demo.yml');
const logger = createLogger({ level: config.log.level });
const runtime = composeWeb(config, logger);
warmUpPolicy();
await waitReady(runtime.redis);
const server = serve({ fetch: runtime.app.fetch, hostname: config.server.host, port });

const people = fixturePeople.filter((p) => !p.state);
const width = Math.max(...people.map((p) => p.login.length));
process.stdout.write(
  [
    '',
    `Passerelle est prête : ${config.server.publicUrl}/`,
    `Boîte aux lettres de démonstration (mails envoyés) : ${mailbox.url}`,
    '',
    'Comptes de démonstration (identifiant, mot de passe actuel, personne) :',
    ...people.map((p) => `  ${p.login.padEnd(width)}  ${p.password.padEnd(18)}  ${p.firstName} ${p.lastName}${p.mail ? ` <${p.mail}>` : ''}`),
    '',
    'Ctrl-C pour tout arrêter.',
    '',
  ].join('\n'),
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\nArrêt…\n');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await runtime.close();
  await mailbox.stop();
  await Promise.all([slapd.destroy(), redis.destroy()]);
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
