/**
 * @module scripts/demo
 * `npm run demo`: the portal with demo accounts against throwaway local servers it starts itself
 * (slapd with ppolicy and TLS, Redis with AOF, an SMTP sink with a mailbox page) and two downstream
 * systems that receive each new password (a second slapd with Samba NT hashes, and a Samba AD
 * « domaine des postes »), configured by config/demo.yml. Prints the addresses and the demo logins;
 * Ctrl-C stops and deletes everything.
 *
 *   npm run demo                   OpenLDAP as the primary directory
 *   npm run demo -- --ad           Samba AD as the primary directory
 *   npm run demo -- --port 8080    the port (default 8080, or a free one if taken)
 */
import { serve } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { parseArgs } from 'node:util';
import { waitReady } from '../src/adapters/redis/connection.ts';
import { composeWeb } from '../src/compose/web.ts';
import { loadConfig } from '../src/config/load.ts';
import { createLogger } from '../src/lib/logger.ts';
import { fixturePeople, freePort, GROUPS, isPortFree, sambaSchemaAvailable, startRedis, startSlapd } from '../test/harness/index.ts';
import { AD_BIRTH_DATE_ATTRIBUTE } from '../test/harness/samba-layout.ts';
import { startSambaAd } from '../test/harness/samba.ts';
import { startDemoMailbox } from './demo-mailbox.ts';
import { startDemoTargets } from './demo-targets.ts';

const { values } = parseArgs({ options: { port: { type: 'string' }, ad: { type: 'boolean' }, quiet: { type: 'boolean' } } });
const say = (line: string) => process.stdout.write(`${line}\n`);
const wanted = Number(values.port ?? process.env.PORT ?? 8080);
const port = (await isPortFree(wanted)) ? wanted : await freePort();
const stops: (() => Promise<void>)[] = [];

/** The primary directory: slapd, or Samba AD with --ad. Returns the DEMO_* variables config/demo.yml reads. */
const startPrimary = async (): Promise<Record<string, string>> => {
  if (values.ad) {
    say('Démarrage de l’annuaire principal : Samba AD (la première fois, sa préparation prend une minute environ)…');
    const samba = await startSambaAd();
    stops.push(() => samba.destroy());
    return {
      DEMO_DIRECTORY_KIND: 'active-directory',
      DEMO_LDAP_URL: samba.url,
      DEMO_LDAP_STARTTLS: 'false',
      DEMO_LDAP_CA: samba.caFile,
      DEMO_LDAP_BIND_DN: samba.service.dn,
      DEMO_LDAP_BIND_PASSWORD: samba.service.password,
      DEMO_LDAP_BASE: samba.peopleBase,
      DEMO_LDAP_FILTER: '(&(objectCategory=person)(objectClass=user))',
      DEMO_SYSADMIN_GROUP: samba.groups.sysadmins,
      DEMO_HELPDESK_GROUP: samba.groups.helpdesk,
      DEMO_RECTORAT_GROUP: samba.groups['personnels-rectorat'],
      DEMO_BIRTH_DATE_ATTRIBUTE: AD_BIRTH_DATE_ATTRIBUTE,
    };
  }
  say('Démarrage de l’annuaire principal : OpenLDAP (slapd)…');
  const slapd = await startSlapd({ sambaSchema: sambaSchemaAvailable() });
  stops.push(() => slapd.destroy());
  return {
    DEMO_DIRECTORY_KIND: 'openldap',
    DEMO_LDAP_URL: slapd.url,
    DEMO_LDAP_CA: slapd.caFile,
    DEMO_LDAP_BIND_DN: slapd.service.dn,
    DEMO_LDAP_BIND_PASSWORD: slapd.service.password,
    DEMO_LDAP_BASE: slapd.peopleBase,
    DEMO_LDAP_FILTER: '(objectClass=inetOrgPerson)',
    DEMO_SYSADMIN_GROUP: GROUPS.sysadmins,
    DEMO_HELPDESK_GROUP: GROUPS.helpdesk,
    DEMO_RECTORAT_GROUP: GROUPS['personnels-rectorat'],
  };
};

const [primaryEnv, redis, targets, mailbox] = await Promise.all([
  startPrimary(),
  startRedis({ appendonly: true }),
  startDemoTargets(say),
  freePort().then(startDemoMailbox),
]);
stops.push(() => redis.destroy(), () => targets.stop(), () => mailbox.stop());

Object.assign(process.env, primaryEnv, targets.env, {
  PASSERELLE_DEMO: '1',
  DEMO_PORT: String(port),
  DEMO_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  DEMO_COOKIE_SECRET: randomBytes(32).toString('base64url'),
  DEMO_API_KEY: `demo-${randomBytes(12).toString('hex')}`,
  DEMO_METRICS_TOKEN: randomBytes(18).toString('hex'),
  DEMO_REDIS_URL: redis.url,
  DEMO_SMTP_PORT: String(mailbox.sink.port),
  DEMO_LOG_LEVEL: values.quiet ? 'warn' : 'info',
});

const config = loadConfig('config/demo.yml');
// The same configuration, resolved, for the `passerelle` command in another terminal (demo secrets only).
const cliConfig = '.passerelle/demo-resolved.yml';
mkdirSync('.passerelle', { recursive: true });
writeFileSync(cliConfig, stringify(config), { mode: 0o600 });
stops.push(async () => rmSync(cliConfig, { force: true }));
const logger = createLogger({ level: config.log.level });
const runtime = composeWeb(config, logger);
await waitReady(runtime.redis);
const server = serve({ fetch: runtime.app.fetch, hostname: config.server.host, port });

const people = fixturePeople.filter((p) => !p.state);
const width = Math.max(...people.map((p) => p.login.length));
const admins = people.filter((p) => p.groups.includes('sysadmins') || p.groups.includes('helpdesk'));
say(
  [
    '',
    `Passerelle est prête : ${config.server.publicUrl}/   (annuaire principal : ${values.ad ? 'Samba AD' : 'OpenLDAP'})`,
    `Boîte aux lettres de démonstration (les mails envoyés) : ${mailbox.url}`,
    `Console des administrateurs : ${config.server.publicUrl}/admin   (${admins.map((p) => `${p.login} : ${p.groups.join(', ')}`).join(' ; ')})`,
    `Chaque nouveau mot de passe est recopié vers l’annuaire pédagogique, les partages de fichiers (hash NT) et,`,
    `pour les personnels du rectorat, le domaine des postes (Samba AD) : la page de succès montre chaque copie.`,
    `API : ${config.server.publicUrl}/api/docs — par exemple :`,
    `  curl -s -H 'X-Api-Key: ${process.env.DEMO_API_KEY}' -H 'Content-Type: application/json' \\`,
    `    -d '{"login":"jdupont","currentPassword":"${people.find((p) => p.login === 'jdupont')?.password}","newPassword":"Une phrase de passe 2026 !"}' \\`,
    `    ${config.server.publicUrl}/api/v1/password/change`,
    `Métriques : curl -s -H 'Authorization: Bearer ${process.env.DEMO_METRICS_TOKEN}' ${config.server.publicUrl}/metrics`,
    `Ligne de commande (autre terminal) : node src/bin/passerelle.ts queue status --config ${cliConfig}`,
    '',
    'Comptes de démonstration (identifiant, mot de passe actuel, personne) :',
    ...people.map(
      (p) =>
        `  ${p.login.padEnd(width)}  ${p.password.padEnd(18)}  ${p.firstName} ${p.lastName}${p.mail ? ` <${p.mail}>` : ''}${p.groups.includes('personnels-rectorat') ? '  [rectorat]' : ''}`,
    ),
    '',
    'Ctrl-C pour tout arrêter.',
    '',
  ].join('\n'),
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  say('\nArrêt…');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await runtime.close();
  await Promise.all(stops.map((s) => s().catch(() => undefined)));
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
