/**
 * @module test/integration/support/two-sample
 * Two-sample statistics for the enumeration measurement: are two sets of response times drawn from
 * one distribution? Mann-Whitney U (normal approximation with tie and continuity corrections) and
 * the two-sample Kolmogorov-Smirnov test (p-value from Kolmogorov's limiting distribution, as R's
 * `ks.test(exact = FALSE)`); the unit test holds SciPy's figures for both. Plus the percentiles
 * the report prints.
 */

/** Standard normal upper tail. */
const normalSf = (z: number): number => 0.5 * erfc(z / Math.SQRT2);

/** erfc with Numerical Recipes' Chebyshev fit (erfcc), fractional error < 1.2e-7 everywhere. */
const erfc = (x: number): number => {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
};

export interface TestResult {
  statistic: number;
  p: number;
}

/** Two-sided Mann-Whitney U: `statistic` is U of the first sample. */
export const mannWhitneyU = (x: readonly number[], y: readonly number[]): TestResult => {
  const n1 = x.length;
  const n2 = y.length;
  const all = [...x.map((v) => ({ v, first: true })), ...y.map((v) => ({ v, first: false }))].sort((a, b) => a.v - b.v);
  const n = all.length;
  let rankSum = 0;
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && all[j + 1]!.v === all[i]!.v) j += 1;
    const rank = (i + j) / 2 + 1;
    const t = j - i + 1;
    tieTerm += t ** 3 - t;
    for (let k = i; k <= j; k += 1) if (all[k]!.first) rankSum += rank;
    i = j + 1;
  }
  const u1 = rankSum - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const sd = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const u = Math.max(u1, n1 * n2 - u1);
  const z = sd === 0 ? 0 : (u - mean - 0.5) / sd;
  return { statistic: u1, p: Math.min(1, 2 * normalSf(z)) };
};

/** Kolmogorov's limiting distribution, upper tail: Q(λ) = 2 Σ (-1)^(j-1) exp(-2 j² λ²). */
const kolmogorovSf = (lambda: number): number => {
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let j = 1; j <= 100; j += 1) {
    const term = 2 * (j % 2 === 1 ? 1 : -1) * Math.exp(-2 * j * j * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-12) break;
  }
  return Math.max(0, Math.min(1, sum));
};

/** Two-sided two-sample Kolmogorov-Smirnov: `statistic` is D, the largest gap between the two empirical CDFs. */
export const kolmogorovSmirnov = (x: readonly number[], y: readonly number[]): TestResult => {
  const a = [...x].sort((p, q) => p - q);
  const b = [...y].sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length) {
    const v = Math.min(a[i]!, b[j]!);
    while (i < a.length && a[i] === v) i += 1;
    while (j < b.length && b[j] === v) j += 1;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  const en = Math.sqrt((a.length * b.length) / (a.length + b.length));
  return { statistic: d, p: kolmogorovSf(en * d) };
};

/** The p-th percentile (0–100) by nearest rank. */
export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
};
