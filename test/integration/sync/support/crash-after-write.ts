/**
 * @module test/integration/sync/support/crash-after-write
 * A web process that dies at the worst moment: it writes the sync intent, writes the primary
 * directory (or not, with `before-write`), and is killed (SIGKILL) before queueing any job.
 * Usage: node crash-after-write.ts <config file> <login> <after-write|before-write>, the new
 * password on standard input. Prints "intent <ref>" before dying.
 */
import { text } from 'node:stream/consumers';
import { createOpenLdapDirectory } from '../../../../src/adapters/openldap/directory.ts';
import { createRedis, waitReady } from '../../../../src/adapters/redis/connection.ts';
import { loadConfig } from '../../../../src/config/load.ts';
import { createLogger } from '../../../../src/lib/logger.ts';
import { createSyncRuntime } from '../../../../src/sync/runtime.ts';

const [configFile, login, phase] = process.argv.slice(2);
const password = (await text(process.stdin)).replace(/\n$/, '');
const config = loadConfig(configFile);
if (config.directory.kind !== 'openldap') throw new Error('an OpenLDAP primary is expected');
const logger = createLogger({ level: 'silent' });
const directory = createOpenLdapDirectory(config.directory, logger);
const redis = createRedis(config.redis, 'web');
await waitReady(redis);
const runtime = createSyncRuntime({ config, logger, directory, role: 'web', redis });
const person = await directory.findByLogin(login!);
if (!person) throw new Error(`no ${login} in the primary`);
const prepared = await runtime.engine.prepare(person, password, 'change');
if (phase === 'after-write') await directory.resetPassword(person, password, { unlock: false, mustChange: false });
process.stdout.write(`intent ${prepared.ref}\n`, () => process.kill(process.pid, 'SIGKILL'));
