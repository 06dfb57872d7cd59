/**
 * @module config/load
 * Reads the YAML file named by PASSERELLE_CONFIG (or given), replaces `${VAR}` with environment
 * variables so that secrets can stay out of the file, and validates everything with zod. Every
 * problem is reported with its dotted key before start-up stops.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { configSchema, type Config } from './schema.ts';

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(source: string, problems: string[]) {
    super(`Invalid configuration in ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const ENV_REFERENCE = /\$\{([A-Z_][A-Z0-9_]*)(?::-([^}]*))?\}/g;

/** Replaces `${VAR}` and `${VAR:-default}` in every string of the tree; names missing variables. */
const expandEnvironment = (value: unknown, env: NodeJS.ProcessEnv, path: string, missing: string[]): unknown => {
  if (typeof value === 'string') {
    return value.replace(ENV_REFERENCE, (_all, name: string, fallback: string | undefined) => {
      const found = env[name] ?? fallback;
      if (found === undefined) missing.push(`${path || '(root)'}: environment variable ${name} is not set`);
      return found ?? '';
    });
  }
  if (Array.isArray(value)) return value.map((item, i) => expandEnvironment(item, env, `${path}.${i}`, missing));
  if (value && typeof value === 'object') {
    // A YAML key whose children are all commented out parses as null: treat it as absent.
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== null)
        .map(([key, item]) => [key, expandEnvironment(item, env, path ? `${path}.${key}` : key, missing)]),
    );
  }
  return value;
};

const describeIssue = (issue: z.core.$ZodIssue): string => {
  const key = issue.path.map(String).join('.') || '(root)';
  if (issue.code === 'unrecognized_keys') return `${key}: unknown key(s) ${issue.keys.join(', ')}`;
  return `${key}: ${issue.message}`;
};

/** Validates an already-parsed config object (tests and the demo build theirs in code). */
export const parseConfig = (raw: unknown, source = 'config', env: NodeJS.ProcessEnv = process.env): Config => {
  const missing: string[] = [];
  const expanded = expandEnvironment(raw, env, '', missing);
  const result = configSchema.safeParse(expanded);
  const problems = [...missing, ...(result.success ? [] : result.error.issues.map(describeIssue))];
  if (problems.length > 0 || !result.success) throw new ConfigError(source, problems);
  return result.data;
};

/** Loads and validates the YAML file; throws ConfigError naming each bad key. */
export const loadConfig = (path = process.env.PASSERELLE_CONFIG ?? 'config/passerelle.yml', env = process.env): Config => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [`cannot read the file: ${(error as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ConfigError(path, [`not valid YAML: ${(error as Error).message}`]);
  }
  return parseConfig(raw, path, env);
};
