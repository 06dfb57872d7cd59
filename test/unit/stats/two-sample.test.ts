/**
 * The enumeration measurement's statistics against SciPy 1.17's figures for the same data:
 * scipy.stats.mannwhitneyu(x, y, alternative='two-sided', method='asymptotic'), and for
 * Kolmogorov-Smirnov the D of scipy.stats.ks_2samp(x, y) with the limiting distribution's p-value,
 * scipy.stats.kstwobign.sf(sqrt(n·m/(n+m))·D) (what R's ks.test(exact = FALSE) gives); printed
 * to 16 digits and checked here to 1e-6. The paired tests likewise against
 * scipy.stats.wilcoxon(d, zero_method='wilcox', correction=True, method='approx') and
 * scipy.stats.binomtest(positives, n, 0.5).
 */
import { describe, expect, it } from 'vitest';
import { kolmogorovSmirnov, mannWhitneyU, percentile, signTest, wilcoxonSignedRank } from '../../integration/support/two-sample.ts';

const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

const cases = [
  {
    name: 'two small samples',
    x: [1.2, 3.4, 2.2, 5.1, 0.7, 3.3, 2.9, 4.0],
    y: [2.5, 6.1, 4.4, 5.0, 3.9, 7.2, 5.5],
    u: 9, uP: 0.03227734609479715, d: 0.6071428571428572, dP: 0.12751857939297448,
  },
  {
    name: 'small samples with ties',
    x: [1, 2, 2, 3, 3, 3, 4, 5],
    y: [2, 3, 3, 4, 4, 5, 5, 6, 6],
    u: 17, uP: 0.06917284061536635, d: 0.4166666666666667, dP: 0.4540076879951463,
  },
  {
    name: '200 against the same shifted by 15.5',
    x: range(200, (i) => i),
    y: range(200, (i) => i + 15.5),
    u: 17020, uP: 0.009963216431758208, d: 0.08, dP: 0.5441424115741981,
  },
  {
    name: '300 and 250 values with many ties',
    x: range(300, (i) => i % 37),
    y: range(250, (i) => (i * 7) % 41),
    u: 33739.5, uP: 0.04268248210407851, d: 0.096, dP: 0.1618899155137503,
  },
  {
    name: 'identical samples',
    x: range(100, (i) => i % 10),
    y: range(100, (i) => i % 10),
    u: 5000, uP: 1, d: 0, dP: 1,
  },
];

describe('two-sample tests', () => {
  it.each(cases)('Mann-Whitney U and Kolmogorov-Smirnov as SciPy: $name', ({ x, y, u, uP, d, dP }) => {
    const mw = mannWhitneyU(x, y);
    expect(mw.statistic).toBe(u);
    expect(mw.p).toBeCloseTo(uP, 6);
    const ks = kolmogorovSmirnov(x, y);
    expect(ks.statistic).toBeCloseTo(d, 12);
    expect(ks.p).toBeCloseTo(dP, 6);
  });

  const paired = [
    { name: 'a dozen differences with ties and a zero', d: [0.5, -1.2, 2.0, 2.0, -0.5, 3.1, 0, 1.7, -2.0, 4.4, 0.9, 2.0], w: 13, wP: 0.08128792804317761, positives: 8, signP: 0.2265625 },
    { name: '300 differences shifted by 1.5', d: range(300, (i) => (((i * 37) % 101) - 50) / 10 + 1.5), w: 10930.5, wP: 4.087719737770276e-14, positives: 193, signP: 2.698166155380421e-7 },
    { name: '202 differences symmetric about zero', d: range(202, (i) => (((i * 37) % 101) - 50) / 10), w: 10050, wP: 1, positives: 100, signP: 1 },
  ];

  it.each(paired)('Wilcoxon signed-rank and sign test as SciPy: $name', ({ d, w, wP, positives, signP }) => {
    const wilcoxon = wilcoxonSignedRank(d);
    expect(wilcoxon.statistic).toBe(w);
    expect(wilcoxon.p).toBeCloseTo(wP, 6);
    const sign = signTest(d);
    expect(sign.statistic).toBe(positives);
    expect(sign.p).toBeCloseTo(signP, 6);
  });

  it('percentiles by nearest rank', () => {
    const values = range(100, (i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 90)).toBe(90);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 90)).toBe(7);
  });
});
