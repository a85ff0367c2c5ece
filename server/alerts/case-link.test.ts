// [Note: urgent alert links] The sealed case link opens only under the key that sealed it: another
// process, the same one after a restart, or a changed row gets null (the alert then links to the
// inbox), never someone else's id.
import { describe, expect, it } from 'vitest';
import { caseLinkSeal } from './case-link.ts';

const ID = '5f0c1a4e-2b7d-4c3e-9f10-6a2b3c4d5e6f';

describe('case link seal', () => {
  it('opens what it sealed, and nothing else', () => {
    const mine = caseLinkSeal();
    const sealed = mine.seal(ID);
    expect(sealed).not.toContain(ID);
    expect(mine.seal(ID)).not.toBe(sealed);
    expect(mine.open(sealed)).toBe(ID);
    expect(caseLinkSeal().open(sealed)).toBeNull();
    const flipped = Buffer.from(sealed, 'base64url');
    flipped[14] = (flipped[14] ?? 0) ^ 1;
    expect(mine.open(flipped.toString('base64url'))).toBeNull();
    for (const bad of ['', 'x', '!!!', sealed.slice(0, 20)]) expect(mine.open(bad)).toBeNull();
  });
});
