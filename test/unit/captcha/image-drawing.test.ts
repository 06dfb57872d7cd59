/**
 * What a person sees in the image: characters that cannot be confused, dark enough to read
 * (contrast measured as WCAG defines it), a few noise lines.
 */
import { describe, expect, it } from 'vitest';
import {
  CAPTCHA_ALPHABET,
  CAPTCHA_BACKGROUND,
  CAPTCHA_PALETTE,
  captchaImageSize,
  drawCaptcha,
  randomCaptchaText,
} from '../../../src/adapters/captcha/image-drawing.ts';

/** WCAG 2.x relative luminance of a #rrggbb colour. */
const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

describe('image drawing', () => {
  it('uses an alphabet without look-alike characters', () => {
    for (const confusable of ['0', 'O', 'Q', 'D', '1', 'I', 'L', 'l', 'i', '2', 'Z', '5', 'S', '8', 'B', 'U', 'V']) {
      expect(CAPTCHA_ALPHABET).not.toContain(confusable);
    }
    expect(new Set(CAPTCHA_ALPHABET).size).toBe(CAPTCHA_ALPHABET.length);
  });

  it('draws texts of the asked length from that alphabet, all characters in use', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const text = randomCaptchaText(6);
      expect(text).toHaveLength(6);
      for (const char of text) {
        expect(CAPTCHA_ALPHABET).toContain(char);
        seen.add(char);
      }
    }
    expect(seen.size).toBe(CAPTCHA_ALPHABET.length);
  });

  it('colours every character with at least 7:1 contrast on its white ground', () => {
    for (const colour of CAPTCHA_PALETTE) expect(contrast(colour, CAPTCHA_BACKGROUND)).toBeGreaterThanOrEqual(7);
    for (let i = 0; i < 20; i++) {
      const svg = drawCaptcha(randomCaptchaText(5));
      expect(svg).toContain(`<rect width="100%" height="100%" fill="${CAPTCHA_BACKGROUND}"/>`);
      const fills = [...svg.matchAll(/<path fill="(#[0-9a-f]+)" d=/g)].map((match) => match[1] ?? '');
      expect(fills).toHaveLength(5);
      for (const fill of fills) expect(CAPTCHA_PALETTE).toContain(fill);
    }
  });

  it('adds three noise lines and states its size for the <img>', () => {
    const svg = drawCaptcha('ACEFH');
    expect([...svg.matchAll(/<path d="[^"]+" stroke="#[0-9a-f]+" fill="none"\/>/g)]).toHaveLength(3);
    const { width, height } = captchaImageSize(5);
    expect(svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"`)).toBe(true);
  });

  it('does not write the text into the SVG as text', () => {
    const svg = drawCaptcha('ACEFH');
    expect(svg).not.toMatch(/<text|ACEFH/);
  });
});
