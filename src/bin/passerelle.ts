#!/usr/bin/env node
/**
 * @module bin/passerelle
 * The `passerelle` command: `serve` (web), `worker` (sync and mail jobs), `check-config`, and the
 * operator commands. Each subcommand lives in its own file; this one only dispatches.
 */
type Run = (args: string[]) => Promise<number>;

/**
 * Each command is imported only when it runs: the worker must not load the web app and the
 * strength dictionaries (tens of MB), nor a CLI call the whole server.
 */
const commands: Record<string, { load: () => Promise<Run>; help: string }> = {
  serve: { load: async () => (await import('./serve.ts')).serveCommand, help: 'run the web portal and API' },
  worker: { load: async () => (await import('./worker.ts')).workerCommand, help: 'run the sync and mail workers (background jobs)' },
  queue: { load: async () => (await import('./queue.ts')).queueCommand, help: 'sync queues: status | jobs | show | retry | discard | pause | resume' },
  audit: { load: async () => (await import('./audit.ts')).auditCommand, help: 'audit search: events by login, kind and time' },
  'check-config': { load: async () => (await import('./check-config.ts')).checkConfigCommand, help: 'validate the config file, then try every connection it names' },
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
process.exitCode = await (await command.load())(args);
