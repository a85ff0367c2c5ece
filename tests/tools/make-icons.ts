// Draws the app icons (web/public/icon-192.png, icon-512.png: the PWA manifest needs PNGs) with
// plain code: a blue rounded square with a white speech bubble, the same picture as icon.svg.
// Run with `node --import tsx tests/tools/make-icons.ts` after changing the design.
import { writeFileSync } from 'node:fs';
import { encodePng, type Rgba } from './png.ts';

function pixel(x: number, y: number): Rgba {
  const r = 0.22; // corner radius of the rounded square
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return [0, 0, 0, 0];
  const inBubble = ((x - 0.5) / 0.3) ** 2 + ((y - 0.43) / 0.24) ** 2 <= 1;
  const inTail = y > 0.55 && y < 0.78 && x > 0.3 && x < 0.48 && x - 0.3 < (0.78 - y) * 0.9;
  return inBubble || inTail ? [255, 255, 255, 255] : [0x1d, 0x4e, 0x89, 255];
}

for (const size of [192, 512]) writeFileSync(`web/public/icon-${size}.png`, encodePng(size, pixel));
