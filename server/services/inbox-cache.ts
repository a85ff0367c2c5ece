// The inbox pages this process served, kept with the school's [Note: inbox generation] they were
// read at. A counsellor's inbox is asked for again and again while nothing in it changes (back from
// a case, another tab, a reload); a page is served from here while the school's number is the
// same as when it was read, which the staff session's own query has just told, and read from the
// database again as soon as anything the inbox shows changed, in any process. A page read while
// a change was being committed is kept under the number read before it, so the next request,
// seeing the new number, reads it again: a page is never served older than its number says.
// Bounded, least recently used out first; per process, in memory only (rows of metadata, the
// same the page sends; no ciphertext). The rows' overdue marks are computed at each answer; the
// JSON made of a page is sent again while they are the same.
import type { InboxQuery, InboxRow } from '../db/repositories/inbox.ts';

/** Pages kept per process: about 30 kB each. */
export const INBOX_CACHE_PAGES = 200;

/** A page as read, and the last answer made of it. */
export interface KeptPage {
  rows: InboxRow[];
  /** The JSON answer, good while its rows' overdue marks are still these ('0'/'1' per row). */
  answer?: { overdue: string; body: string };
}

export interface InboxCache {
  /** The page if kept at this generation. */
  get(query: InboxQuery, generation: number): KeptPage | undefined;
  /** Keeps the rows read at this generation; returns the page to answer with. */
  set(query: InboxQuery, generation: number, rows: InboxRow[]): KeptPage;
}

const keyOf = (q: InboxQuery) => `${q.orgId} ${q.staffId} ${q.filter} ${q.status ?? '-'} ${q.page}`;

export function createInboxCache(size: number = INBOX_CACHE_PAGES): InboxCache {
  const pages = new Map<string, { generation: number; page: KeptPage }>();
  // INBOX_CACHE_PAGES=0: every page from the database (the bench's uncached figure).
  if (size === 0) return { get: () => undefined, set: (_query, _generation, rows) => ({ rows }) };
  return {
    get(query, generation) {
      const key = keyOf(query);
      const kept = pages.get(key);
      if (!kept) return undefined;
      if (kept.generation !== generation) {
        pages.delete(key);
        return undefined;
      }
      // Most recently used last: Map keeps insertion order.
      pages.delete(key);
      pages.set(key, kept);
      return kept.page;
    },
    set(query, generation, rows) {
      const key = keyOf(query);
      const page: KeptPage = { rows };
      pages.delete(key);
      pages.set(key, { generation, page });
      if (pages.size > size) {
        const oldest = pages.keys().next();
        if (!oldest.done) pages.delete(oldest.value);
      }
      return page;
    },
  };
}
