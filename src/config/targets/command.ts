/**
 * @module config/targets/command
 * Settings of a `command` target: an executable run once per change with the login as its last
 * argument and the password on standard input (never in argv or the environment).
 */
import { z } from 'zod';

export const commandTargetSettings = {
  /** Absolute path of the executable (run directly, without a shell). */
  path: z.string().regex(/^\//, 'must be an absolute path'),
  /** Fixed arguments put before the login. */
  args: z.array(z.string()).default([]),
  /** Exit codes that mean "try again later"; any other non-zero code is a permanent refusal. */
  retryExitCodes: z.array(z.number().int().min(1).max(255)).default([75]),
  /** Extra environment variables (never the password); PATH and LANG are passed through. */
  env: z.record(z.string(), z.string()).default({}),
  /** Working directory of the command; default the worker's. */
  cwd: z.string().optional(),
};
