/**
 * @module bench/lib/row
 * One figure of the benchmark, printed next to its target.
 */
export interface BenchRow {
  section: string;
  metric: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. "≥ 0.90" or "< 20 ms". */
  target?: string;
  met?: boolean;
}
