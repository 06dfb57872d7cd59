/**
 * @module test/harness/redis
 * Starts a private redis-server on a free loopback port (never the machine's 127.0.0.1:6379), with
 * no RDB snapshots and, when asked, an append-only file so that a restart keeps the data.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.ts';
import { startServer, ServerStartError, type ServerProcess } from './process.ts';

export interface RedisOptions {
  /** appendonly yes (appendfsync everysec): data survives stop/start and kill/start. */
  appendonly?: boolean;
  /** Data directory (kept by stop/start); default a new temp dir. */
  dir?: string;
}

/** Serializable part, for vitest's `provide`. */
export interface RedisInfo {
  url: string;
  host: string;
  port: number;
  dir: string;
  logFile: string;
}

export interface RedisHandle extends RedisInfo {
  /** SIGTERM (redis shuts down cleanly, flushing the AOF). */
  stop(): Promise<void>;
  /** Starts again on the same port and directory. */
  start(): Promise<void>;
  /** SIGKILL, as a crash: what was not yet fsynced is lost. */
  kill(): Promise<void>;
  /** Stops and removes the directory. */
  destroy(): Promise<void>;
  readonly running: boolean;
  info(): RedisInfo;
}

/** Ready when a raw PING gets +PONG (no client library: no retry loop to confuse the probe). */
const pong = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setTimeout(1000, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      answer += data.toString();
      if (answer.includes('\r\n')) socket.end();
    });
    socket.on('error', () => resolve(false));
    socket.on('close', () => resolve(answer.startsWith('+PONG')));
  });

export const startRedis = async (options: RedisOptions = {}): Promise<RedisHandle> => {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'passerelle-redis-'));
  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, 'redis.log');
  let port = 0;
  let server: ServerProcess | undefined;

  const spawnRedis = () =>
    startServer({
      name: 'redis-server',
      command: 'redis-server',
      args: [
        '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir,
        '--appendonly', options.appendonly ? 'yes' : 'no', '--appendfsync', 'everysec',
        '--daemonize', 'no', '--logfile', '', '--protected-mode', 'yes',
      ],
      logFile,
      probe: () => pong(port),
    });

  for (let attempt = 1; ; attempt += 1) {
    port = await freePort();
    try {
      server = await spawnRedis();
      break;
    } catch (error) {
      if (!(error instanceof ServerStartError && error.addressInUse) || attempt >= 3) throw error;
    }
  }

  const info = (): RedisInfo => ({ url: `redis://127.0.0.1:${port}`, host: '127.0.0.1', port, dir, logFile });
  return {
    ...info(),
    info,
    get running() {
      return server?.running ?? false;
    },
    start: async () => {
      if (!server?.running) server = await spawnRedis();
    },
    stop: async () => {
      await server?.stop();
    },
    kill: async () => {
      await server?.kill();
    },
    destroy: async () => {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
