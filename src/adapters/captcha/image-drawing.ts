/**
 * @module adapters/captcha/image-drawing
 * Draws the text of an image captcha: characters without look-alikes, picked with a CSPRNG, dark
 * colours on a white ground, a few noise lines.
 */
import { randomInt } from 'node:crypto';
import svgCaptcha from 'svg-captcha';

/**
 * Upper-case letters and digits, minus the pairs people confuse in a distorted font:
 * 0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B, 6/G, U/V. Answers are compared case-insensitively, so one case
 * is enough to show.
 */
export const CAPTCHA_ALPHABET = 'ACEFHJKMNPRTWXY34679';

/** The ground colour of every image (drawn into the SVG, so a dark page theme cannot hide the text). */
export const CAPTCHA_BACKGROUND = '#ffffff';

/**
 * Character colours: each has a contrast ratio of at least 7:1 on white (WCAG AAA for text), so
 * the image is not harder to read for people with low vision than ordinary text.
 */
export const CAPTCHA_PALETTE = ['#1f2d86', '#8b1a1a', '#1b5e20', '#5b1f8a', '#7a3e00', '#0b4f6c', '#222222'] as const;

/** Options of svg-captcha's drawing function (lib/index.js `createCaptcha`). */
interface DrawOptions {
  width: number;
  height: number;
  fontSize: number;
  noise: number;
  color: boolean;
}

/**
 * svg-captcha's module export is `createCaptcha(text, options)`, which draws a text we choose;
 * its index.d.ts declares only `create()`, which picks the text with Math.random. We want our own
 * CSPRNG text, so we call the documented-in-code function through this narrow type.
 */
const drawText = svgCaptcha as unknown as (text: string, options: DrawOptions) => string;

/** A random captcha text of `length` characters from {@link CAPTCHA_ALPHABET}. */
export const randomCaptchaText = (length: number): string => {
  let text = '';
  for (let i = 0; i < length; i++) text += CAPTCHA_ALPHABET[randomInt(CAPTCHA_ALPHABET.length)];
  return text;
};

/** Pixel size of an image for `length` characters (also written as the <img> width and height). */
export const captchaImageSize = (length: number) => ({ width: 34 * length + 30, height: 64 });

/**
 * The SVG markup showing `text`.
 * @example drawCaptcha('K7MXA') // '<svg xmlns=… width="200" height="64" …>…</svg>'
 */
export const drawCaptcha = (text: string): string => {
  const { width, height } = captchaImageSize(text.length);
  // color: false draws characters in near-black greys (#000–#444) and noise lines in greys
  // (#111–#999); we then give each character a palette colour and add a white ground.
  const svg = drawText(text, { width, height, fontSize: 58, noise: 3, color: false });
  let next = randomInt(CAPTCHA_PALETTE.length);
  const coloured = svg.replace(/<path fill="#[0-9a-f]{3,6}" d=/g, () => {
    next = (next + 1 + randomInt(CAPTCHA_PALETTE.length - 1)) % CAPTCHA_PALETTE.length;
    return `<path fill="${CAPTCHA_PALETTE[next]}" d=`;
  });
  return coloured.replace(/^(<svg[^>]*>)/, `$1<rect width="100%" height="100%" fill="${CAPTCHA_BACKGROUND}"/>`);
};
