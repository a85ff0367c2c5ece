// The browser-side figures of a demo instance (SQLite, the real proof-of-work difficulty): what a
// pupil downloads, send to receipt in a 4x throttled Chromium, and a counsellor decrypting reports.
import type { Browser } from 'playwright-core';
import type { DemoServer } from '../tools/demo-server.ts';
import { bareBaseline, chunkSize, entrySize } from './bundle-sizes.ts';
import { kb, row } from './format.ts';
import { sendToReceipt } from './send-time.ts';
import { staffDecryption, DECRYPT_REPORTS } from './staff-decrypt.ts';

export async function browserFigures(
  browser: Browser,
  server: DemoServer,
  powBits: number,
  runs: number,
): Promise<string[]> {
  const webDir = `${server.dataDir}/web`;
  const bare = await bareBaseline();
  const entry = entrySize(webDir, 'index.html');
  const sodium = chunkSize(webDir, 'libsodium');
  const worker = chunkSize(webDir, 'pupil-worker');
  const { sendMs, bareMs } = await sendToReceipt(browser, server.baseUrl, runs);
  const decrypt = await staffDecryption(browser, server, runs);
  const barePage = `bare Preact page ${kb(bare)}`;
  return [
    `Browser benchmarks (median of ${runs} runs; sends with proof of work ${powBits} bits, CPU 4x slower)`,
    row(
      'pupil entry JS+CSS (gzip)',
      kb(entry),
      entry / bare,
      barePage,
      '30 kB',
      entry <= 30 * 1024,
    ),
    row(
      'crypto chunk, libsodium (gzip)',
      kb(sodium),
      sodium / bare,
      barePage,
      '190 kB',
      sodium <= 190 * 1024,
    ),
    row('crypto worker, protocol (gzip)', kb(worker), worker / bare, barePage, '-', true),
    row(
      'send to receipt, 4x throttled',
      `${sendMs} ms`,
      sendMs / bareMs,
      `bare fetch ${bareMs.toFixed(1)} ms`,
      '1500 ms',
      sendMs <= 1500,
    ),
    row(
      `counsellor decrypts ${DECRYPT_REPORTS} reports`,
      `${decrypt.decryptMs.toFixed(0)} ms`,
      decrypt.decryptMs / decrypt.bareMs,
      `${DECRYPT_REPORTS} no-op calls ${decrypt.bareMs.toFixed(1)} ms`,
      '1000 ms',
      decrypt.decryptMs <= 1000,
    ),
  ];
}
