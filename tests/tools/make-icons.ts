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

// favicon.ico: browsers ask for it on their own (the neutral page has no icon link), and a 404
// there is a console error on every visit. An ICO file may hold a PNG: a 6-byte header, one
// 16-byte entry, then the 32x32 PNG.
const png32 = encodePng(32, pixel);
const ico = Buffer.alloc(22 + png32.length);
ico.writeUInt16LE(0, 0); // reserved
ico.writeUInt16LE(1, 2); // type: icon
ico.writeUInt16LE(1, 4); // one image
ico.writeUInt8(32, 6); // width
ico.writeUInt8(32, 7); // height
ico.writeUInt8(0, 8); // no palette
ico.writeUInt8(0, 9); // reserved
ico.writeUInt16LE(1, 10); // colour planes
ico.writeUInt16LE(32, 12); // bits per pixel
ico.writeUInt32LE(png32.length, 14); // image size
ico.writeUInt32LE(22, 18); // image offset
Buffer.from(png32).copy(ico, 22);
writeFileSync('web/public/favicon.ico', ico);
