/**
 * @module bench/lib/table
 * Prints the rows as a table and writes bench/results/latest.json with the machine's facts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BenchRow } from './row.ts';

const format = (value: number) => (Number.isInteger(value) ? String(value) : value >= 100 ? value.toFixed(0) : value.toFixed(2));

export const printTable = (rows: BenchRow[]) => {
  const cells = rows.map((r) => [r.section, r.metric, `${format(r.value)} ${r.unit}`.trim(), r.target ?? '', r.met === undefined ? '' : r.met ? 'met' : 'NOT met']);
  const header = ['section', 'metric', 'value', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  process.stdout.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${cells.map(line).join('\n')}\n`);
};

export const writeResults = (rows: BenchRow[], file = join('bench', 'results', 'latest.json')) => {
  mkdirSync(join('bench', 'results'), { recursive: true });
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), machine, rows }, null, 2)}\n`);
  return file;
};
