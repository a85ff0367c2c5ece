// [Note: inbox generation]: a kept page is given back only at the generation it was read at, the
// least recently used goes first past the bound, and a size of 0 keeps nothing.
import { describe, expect, it } from 'vitest';
import type { InboxQuery, InboxRow } from '../db/repositories/inbox.ts';
import { createInboxCache } from './inbox-cache.ts';

const query = (page: number, staffId = 'm1'): InboxQuery => ({
  orgId: 'o1',
  staffId,
  filter: 'all',
  page,
});
const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `r${i}` }) as InboxRow);

describe('inbox cache', () => {
  it('gives a page back at its generation only, and forgets it at another', () => {
    const cache = createInboxCache(4);
    const kept = cache.set(query(0), 7, rows(2));
    expect(cache.get(query(0), 7)).toBe(kept);
    expect(cache.get(query(0, 'm2'), 7)).toBeUndefined();
    expect(cache.get(query(1), 7)).toBeUndefined();
    expect(cache.get({ ...query(0), filter: 'unread' }, 7)).toBeUndefined();
    expect(cache.get(query(0), 8)).toBeUndefined();
    // Dropped when seen at another generation: the old one does not come back.
    expect(cache.get(query(0), 7)).toBeUndefined();
  });

  it('keeps at most its size, the least recently used out first', () => {
    const cache = createInboxCache(2);
    cache.set(query(0), 1, rows(1));
    cache.set(query(1), 1, rows(1));
    expect(cache.get(query(0), 1)).toBeDefined();
    cache.set(query(2), 1, rows(1));
    expect(cache.get(query(1), 1)).toBeUndefined();
    expect(cache.get(query(0), 1)).toBeDefined();
    expect(cache.get(query(2), 1)).toBeDefined();
  });

  it('keeps nothing at size 0', () => {
    const cache = createInboxCache(0);
    expect(cache.set(query(0), 1, rows(3)).rows).toHaveLength(3);
    expect(cache.get(query(0), 1)).toBeUndefined();
  });
});
