/**
 * @module test/integration/support/two-sample
 * Two-sample statistics for the enumeration measurement: are two sets of response times drawn from
 * one distribution? Mann-Whitney U (normal approximation with tie and continuity corrections) and
 * the two-sample Kolmogorov-Smirnov test (p-value from Kolmogorov's limiting distribution, as R's
 * `ks.test(exact = FALSE)`); for paired samples, the Wilcoxon signed-rank test (normal
 * approximation, zeros dropped, tie and continuity corrections) and the exact sign test; the unit
 * test holds SciPy's figures for all four. Plus the percentiles the report prints.
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

/**
 * Ranks 1..n of items sorted by `value`, ties sharing their average rank: the sum of the ranks of
 * the items `counted` picks, and Σ(t³ − t) over the groups of t tied values (the tie correction).
 */
const rankSum = <T>(sorted: readonly T[], value: (item: T) => number, counted: (item: T) => boolean): { sum: number; tieTerm: number } => {
  let sum = 0;
  let tieTerm = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && value(sorted[j + 1]!) === value(sorted[i]!)) j += 1;
    const rank = (i + j) / 2 + 1;
    const t = j - i + 1;
    tieTerm += t ** 3 - t;
    for (let k = i; k <= j; k += 1) if (counted(sorted[k]!)) sum += rank;
    i = j + 1;
  }
  return { sum, tieTerm };
};

/** Two-sided Mann-Whitney U: `statistic` is U of the first sample. */
export const mannWhitneyU = (x: readonly number[], y: readonly number[]): TestResult => {
  const n1 = x.length;
  const n2 = y.length;
  const all = [...x.map((v) => ({ v, first: true })), ...y.map((v) => ({ v, first: false }))].sort((a, b) => a.v - b.v);
  const n = all.length;
  const { sum: firstRankSum, tieTerm } = rankSum(all, (item) => item.v, (item) => item.first);
  const u1 = firstRankSum - (n1 * (n1 + 1)) / 2;
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

/**
 * Two-sided Wilcoxon signed-rank test on paired differences, as
 * `scipy.stats.wilcoxon(d, zero_method='wilcox', correction=True, method='approx')`: `statistic`
 * is the smaller of the positive and negative rank sums.
 */
export const wilcoxonSignedRank = (differences: readonly number[]): TestResult => {
  const nonZero = differences.filter((d) => d !== 0).map((d) => ({ abs: Math.abs(d), positive: d > 0 })).sort((a, b) => a.abs - b.abs);
  const n = nonZero.length;
  if (n === 0) return { statistic: 0, p: 1 };
  const { sum: positiveSum, tieTerm } = rankSum(nonZero, (item) => item.abs, (item) => item.positive);
  const total = (n * (n + 1)) / 2;
  const statistic = Math.min(positiveSum, total - positiveSum);
  const mean = total / 2;
  const sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48);
  let gap = statistic - mean;
  gap -= 0.5 * Math.sign(gap);
  return { statistic, p: sd === 0 ? 1 : Math.min(1, 2 * normalSf(Math.abs(gap / sd))) };
};

/**
 * Two-sided exact sign test on paired differences (zeros dropped), as
 * `scipy.stats.binomtest(positives, n, 0.5).pvalue`: `statistic` is the number of positives.
 */
export const signTest = (differences: readonly number[]): TestResult => {
  const positives = differences.filter((d) => d > 0).length;
  const n = positives + differences.filter((d) => d < 0).length;
  if (n === 0) return { statistic: 0, p: 1 };
  // P(X <= k) for X ~ Binomial(n, 1/2), summed in log space (n is in the hundreds).
  const k = Math.min(positives, n - positives);
  let logChoose = 0;
  let tail = 0;
  for (let i = 0; i <= k; i += 1) {
    if (i > 0) logChoose += Math.log(n - i + 1) - Math.log(i);
    tail += Math.exp(logChoose - n * Math.LN2);
  }
  return { statistic: positives, p: Math.min(1, 2 * tail) };
};

/** The p-th percentile (0–100) by nearest rank. */
export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
};
