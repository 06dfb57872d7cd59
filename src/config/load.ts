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
const WHOLE_REFERENCE = /^\$\{[A-Z_][A-Z0-9_]*(?::-[^}]*)?\}$/;

type Path = (string | number)[];

interface Expansion {
  missing: string[];
  /** Values that were exactly one `${VAR}`: read as numbers or booleans when they look like one. */
  typed: { path: Path; text: string }[];
}

const readScalar = (text: string): unknown => {
  if (/^-?\d+$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return text;
};

/** Replaces `${VAR}` and `${VAR:-default}` in every string of the tree; names missing variables. */
const expandEnvironment = (value: unknown, env: NodeJS.ProcessEnv, path: Path, found: Expansion): unknown => {
  if (typeof value === 'string') {
    const text = value.replace(ENV_REFERENCE, (_all, name: string, fallback: string | undefined) => {
      const resolved = env[name] ?? fallback;
      if (resolved === undefined) found.missing.push(`${path.join('.') || '(root)'}: environment variable ${name} is not set`);
      return resolved ?? '';
    });
    if (!WHOLE_REFERENCE.test(value)) return text;
    found.typed.push({ path, text });
    return readScalar(text);
  }
  if (Array.isArray(value)) return value.map((item, i) => expandEnvironment(item, env, [...path, i], found));
  if (value && typeof value === 'object') {
    // A YAML key whose children are all commented out parses as null: treat it as absent.
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== null)
        .map(([key, item]) => [key, expandEnvironment(item, env, [...path, key], found)]),
    );
  }
  return value;
};

const setAt = (tree: unknown, path: Path, value: unknown) => {
  const parent = path.slice(0, -1).reduce<any>((node, key) => node?.[key], tree);
  if (parent) parent[path.at(-1)!] = value;
};

const describeIssue = (issue: z.core.$ZodIssue): string => {
  const key = issue.path.map(String).join('.') || '(root)';
  if (issue.code === 'unrecognized_keys') return `${key}: unknown key(s) ${issue.keys.join(', ')}`;
  return `${key}: ${issue.message}`;
};

/** Validates an already-parsed config object (tests and the demo build theirs in code). */
export const parseConfig = (raw: unknown, source = 'config', env: NodeJS.ProcessEnv = process.env): Config => {
  const found: Expansion = { missing: [], typed: [] };
  const expanded = expandEnvironment(raw, env, [], found);
  let result = configSchema.safeParse(expanded);
  // `${VAR}` read as a number or boolean where the schema wants text (a numeric password): keep the text.
  const wantText = result.success ? [] : result.error.issues.filter((issue) => issue.code === 'invalid_type' && issue.expected === 'string');
  const reverted = found.typed.filter((t) => wantText.some((issue) => issue.path.join('.') === t.path.join('.')));
  if (reverted.length > 0) {
    for (const { path, text } of reverted) setAt(expanded, path, text);
    result = configSchema.safeParse(expanded);
  }
  const problems = [...found.missing, ...(result.success ? [] : result.error.issues.map(describeIssue))];
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
