// The inbox pages this process served, kept with the school's [Note: inbox generation] they were
// read at. A counsellor's inbox is asked for again and again while nothing in it changes (back from
// a case, another tab, a reload); a page is served from here while the school's number is the
// same as when it was read, which the staff session's own query has just told, and read from the
// database again as soon as anything the inbox shows changed, in any process. A page read while
// a change was being committed is kept under the number read before it, so the next request,
// seeing the new number, reads it again: a page is never served older than its number says.
// Bounded, least recently used out first; per process, in memory only (rows of metadata, the
// same the page sends; no ciphertext). The rows' ages (`overdue`) are computed at each answer.
import type { InboxQuery, InboxRow } from '../db/repositories/inbox.ts';

/** Pages kept per process: about 30 kB each. */
export const INBOX_CACHE_PAGES = 200;

export interface InboxCache {
  /** The page's rows if kept at this generation. */
  get(query: InboxQuery, generation: number): InboxRow[] | undefined;
  set(query: InboxQuery, generation: number, rows: InboxRow[]): void;
}

const keyOf = (q: InboxQuery) => `${q.orgId} ${q.staffId} ${q.filter} ${q.status ?? '-'} ${q.page}`;

export function createInboxCache(size: number = INBOX_CACHE_PAGES): InboxCache {
  const pages = new Map<string, { generation: number; rows: InboxRow[] }>();
  // INBOX_CACHE_PAGES=0: every page from the database (the bench's uncached figure).
  if (size === 0) return { get: () => undefined, set: () => undefined };
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
      return kept.rows;
    },
    set(query, generation, rows) {
      const key = keyOf(query);
      pages.delete(key);
      pages.set(key, { generation, rows });
      if (pages.size > size) {
        const oldest = pages.keys().next();
        if (!oldest.done) pages.delete(oldest.value);
      }
    },
  };
}
