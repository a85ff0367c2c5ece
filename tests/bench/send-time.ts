// Time from tapping "send" to the receipt on screen, in Chromium slowed down 4x (a cheap tablet),
// against a bare same-origin round trip (fetch /api/health) in the same throttled page.
import type { Browser } from 'playwright-core';
import { newVisit, sendAndReadReceipt, writeReport } from '../e2e/pupil-helpers.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function sendToReceipt(browser: Browser, baseUrl: string, runs: number) {
  const send: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { context, page } = await newVisit(browser);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(`${baseUrl}/s/SP${(i % 7) + 1}`);
    bare.push(
      await page.evaluate(async () => {
        const start = performance.now();
        await (await fetch('/api/health', { cache: 'no-store' })).json();
        return performance.now() - start;
      }),
    );
    await writeReport(page, 'pl', 'Pomiar czasu wysyłania.', false);
    const start = Date.now();
    await sendAndReadReceipt(page, 'pl');
    send.push(Date.now() - start);
    await context.close();
  }
  return { sendMs: median(send), bareMs: median(bare) };
}
