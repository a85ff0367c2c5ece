// What every pupil screen must pass on a small phone, a school tablet and at 200 % zoom: axe-core
// (WCAG 2.1 AA), nothing wider than the screen or its own box, every touch target at least 44x44
// CSS px, and no emoji (a kiosk without an emoji font shows empty boxes).
import type { Page } from 'playwright-core';
export { axeViolations } from './axe.ts';

/** Elements wider than the page, or whose content spills out of their own box. */
export function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) found.push(`page ${root.scrollWidth}px`);
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      const style = getComputedStyle(el);
      if (el.clientWidth === 0 || style.overflowX !== 'visible') continue;
      if (el.closest('svg') || el.tagName === 'PROGRESS') continue;
      const rect = el.getBoundingClientRect();
      if (el.scrollWidth > el.clientWidth + 1 || rect.right > root.clientWidth + 0.5) {
        found.push(
          `${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth}>${el.clientWidth}`,
        );
      }
    }
    return found;
  });
}

/** Visible things to tap smaller than 44x44 CSS px. */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const targets = document.querySelectorAll<HTMLElement>(
      'button, a[href], summary, input:not(.sr-only), select, textarea, label.file-button',
    );
    for (const el of Array.from(targets)) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue; // not shown
      if (rect.width < 44 || rect.height < 44) {
        found.push(
          `${el.tagName.toLowerCase()} "${el.textContent?.trim() ?? ''}" ${Math.round(rect.width)}x${Math.round(rect.height)}`,
        );
      }
    }
    return found;
  });
}

/** Emoji in the page's text (pictographs and the dingbats that fall back to emoji fonts). */
export function emojiText(page: Page): Promise<string[]> {
  return page.evaluate(() => [
    ...(document.body.innerText.match(/[\p{Extended_Pictographic}\u2705\u2714\u23F3\u25CB]/gu) ??
      []),
  ]);
}

/** How far down the question starts, and whether the last choice ends on screen. */
export function questionPlace(page: Page) {
  return page.evaluate(() => {
    const legend = document.querySelector('.choices__legend')!.getBoundingClientRect();
    const choices = Array.from(document.querySelectorAll('.choice')).map((c) =>
      c.getBoundingClientRect(),
    );
    return {
      top: legend.top,
      lastBottom: Math.max(...choices.map((c) => c.bottom)),
      height: window.innerHeight,
      count: choices.length,
    };
  });
}
