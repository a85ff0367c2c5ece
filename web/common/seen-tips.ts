// [Note: tail cut] The message chain proves that what the server shows is genuine and in order
// ([Note: message chain]), but a server can still withhold the newest messages. Within one visit
// the app remembers the last message it showed of each thread and refuses a later answer that no
// longer holds that message at the same place. The pupil's wipe() and the staff sign-out forget
// it; a first visit cannot know what it never saw.
const last = new Map<string, { seq: number; id: string }>();

/** Throws when `messages` (already chain-verified, seq n at index n-1) lost the remembered tip. */
export function checkNoTailCut(
  thread: string,
  messages: readonly { seq: number; id: string }[],
): void {
  const seen = last.get(thread);
  if (seen && messages[seen.seq - 1]?.id !== seen.id) {
    throw new Error('the server withheld messages this page has already shown');
  }
  const tip = messages.at(-1);
  if (tip) last.set(thread, { seq: tip.seq, id: tip.id });
}

export const forgetTips = (): void => last.clear();
