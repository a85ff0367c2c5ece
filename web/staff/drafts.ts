// [Note: drafts through the lock] What a member is writing (a reply, a note, a hand-over) survives
// the idle lock: each box keeps its text here, keyed by the screen's address and the box, and a
// box opened again at that address after unlocking starts from it. Page memory only, never
// storage: a reload or closing the tab loses it, logout clears it, sending clears that box's.
import { useState } from 'preact/hooks';

const drafts = new Map<string, string>();

export function useDraft(box: string): [string, (text: string) => void] {
  const [key] = useState(() => `${location.pathname}#${box}`);
  const [text, setText] = useState(() => drafts.get(key) ?? '');
  const set = (next: string) => {
    setText(next);
    if (next) drafts.set(key, next);
    else drafts.delete(key);
  };
  return [text, set];
}

export function forgetDrafts(): void {
  drafts.clear();
}
