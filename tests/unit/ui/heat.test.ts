import { describe, expect, it } from 'vitest';
import { heat } from '../../../src/ui/format';

/** WCAG relative luminance of an sRGB colour. */
const luminance = ([r, g, b]: number[]) => {
  const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};
const contrast = (a: number[], b: number[]) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
const INK = [0x1b, 0x23, 0x30];

describe('heat-map cells', () => {
  it('keep their text at AA contrast (4.5:1) at every shade, in every colour the app uses', () => {
    for (const rgb of [[31, 78, 140], [178, 34, 34], [179, 38, 30]] as const) {
      for (let i = 0; i <= 100; i++) {
        const { background, color } = heat(i / 100, rgb);
        const alpha = Number(/, ([\d.]+)\)$/.exec(background)![1]);
        const shown = rgb.map((c) => 255 - (255 - c) * alpha);
        const text = color === '#fff' ? [255, 255, 255] : INK;
        expect(contrast(shown, text), `${rgb} at ${i} %`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('grows darker with the share, and clamps outside 0–1', () => {
    const alphas = Array.from({ length: 11 }, (_, i) => Number(/, ([\d.]+)\)$/.exec(heat(i / 10, [0, 0, 0]).background)![1]));
    expect(alphas.every((a, i) => i === 0 || a > alphas[i - 1])).toBe(true);
    expect(heat(-1, [0, 0, 0])).toEqual(heat(0, [0, 0, 0]));
    expect(heat(2, [0, 0, 0])).toEqual(heat(1, [0, 0, 0]));
  });
});
