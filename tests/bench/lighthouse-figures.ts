// Lighthouse's mobile audit of the pupil page, printed beside the other browser figures. Its
// default settings are the mobile ones (a mid-range phone's screen, a slow 4G connection, the CPU
// 4x slower); Chromium is Debian's, started by chrome-launcher (Lighthouse's own launcher), never
// a downloaded browser. The scores have no targets of their own here: the targets (first-
// screen JS, send to receipt) are the rows above; accessibility is checked by axe in the tests.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_PATH } from '../tools/browser.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

export async function lighthouseFigures(url: string): Promise<string[]> {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
    });
    if (!result) throw new Error('Lighthouse gave no result');
    const scores = CATEGORIES.map((id) => {
      const category = result.lhr.categories[id];
      const score = category?.score;
      return `${category?.title ?? id} ${score === null || score === undefined ? '-' : Math.round(score * 100)}`;
    });
    return [
      `Lighthouse ${result.lhr.lighthouseVersion}, mobile audit of ${new URL(url).pathname} (scores of 100)`,
      `  ${scores.join(' · ')}`,
    ];
  } finally {
    chrome.kill();
  }
}
