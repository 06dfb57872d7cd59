#!/usr/bin/env node
/**
 * @module bin/passerelle
 * The `passerelle` command: `serve` (web), `worker` (sync and mail jobs), `check-config`, and the
 * operator commands. Each subcommand lives in its own file; this one only dispatches.
 */
import { auditCommand } from './audit.ts';
import { checkConfigCommand } from './check-config.ts';
import { queueCommand } from './queue.ts';
import { serveCommand } from './serve.ts';
import { workerCommand } from './worker.ts';

const commands: Record<string, { run: (args: string[]) => Promise<number>; help: string }> = {
  serve: { run: serveCommand, help: 'run the web portal and API' },
  worker: { run: workerCommand, help: 'run the sync and mail workers (background jobs)' },
  queue: { run: queueCommand, help: 'sync queues: status | jobs | show | retry | discard | pause | resume' },
  audit: { run: auditCommand, help: 'audit search: events by login, kind and time' },
  'check-config': { run: checkConfigCommand, help: 'validate the config file, then try every connection it names' },
};

const usage = () =>
  [
    'usage: passerelle <command> [options]',
    '',
    ...Object.entries(commands).map(([name, command]) => `  ${name.padEnd(14)} ${command.help}`),
    '',
    'The configuration file is PASSERELLE_CONFIG (default config/passerelle.yml) or --config <file>.',
  ].join('\n');

const [name, ...args] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  process.stderr.write(`${usage()}\n`);
  process.exit(name === undefined || name === 'help' || name === '--help' ? 0 : 2);
}
process.exitCode = await command.run(args);
