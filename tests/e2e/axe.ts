// axe-core's WCAG 2.1 AA check of a page as it is now, for every browser test that looks at a
// screen. The page's CSP refuses an injected script: open the page in a context made with
// bypassCSP, as the accessibility tests do.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The violations, one line each ("screen: rule at target, target"); [] when there are none. */
export async function axeViolations(page: Page, screen = 'page'): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axeSource });
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            o: unknown,
          ) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
  });
  return result.violations.map(
    (v) => `${screen}: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}
