// [Note: read aloud] "Read it to me" for a child who does not read well yet: the Web Speech API
// with on-device voices only. A voice whose `localService` is false sends the text to a speech
// server (Chrome's "Google" voices do): the question would be harmless, but the thread holds a
// counsellor's answer, so no network voice is ever used, and where the device has no local voice
// for the app's language the button is not shown at all.
//
// What is spoken is the text of the screen, block by block (headings, paragraphs, labels, buttons),
// never a form field and never an element marked `data-typed` (the child's own words in the thread,
// the name on the summary): nothing the child typed is spoken unless the child asks for it on the
// review step ("read my words").
import { signal } from '@preact/signals';
import { lang, type Lang } from '../common/i18n.ts';

const synth = (): SpeechSynthesis | undefined =>
  typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : undefined;

/** The local voices, refreshed when the browser reports its list has changed. */
export const localVoices = signal<SpeechSynthesisVoice[]>([]);
export const speaking = signal(false);

function loadVoices(): void {
  const s = synth();
  if (!s) return;
  localVoices.value = s.getVoices().filter((v) => v.localService);
}

export function watchVoices(): () => void {
  const s = synth();
  if (!s) return () => undefined;
  loadVoices();
  s.addEventListener('voiceschanged', loadVoices);
  return () => s.removeEventListener('voiceschanged', loadVoices);
}

/** A local voice for the language: one the device marks as its default first. */
export function voiceFor(l: Lang): SpeechSynthesisVoice | undefined {
  const fitting = localVoices.value.filter((v) => v.lang.toLowerCase().split(/[-_]/)[0] === l);
  return fitting.find((v) => v.default) ?? fitting[0];
}

export function stopReading(): void {
  synth()?.cancel();
  speaking.value = false;
}

/** Speaks the parts in the app's language with a local voice; nothing if there is none. */
export function speak(parts: string[]): void {
  const s = synth();
  const voice = voiceFor(lang.value);
  if (!s || !voice) return;
  s.cancel();
  const texts = parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
  if (texts.length === 0) return;
  speaking.value = true;
  texts.forEach((text, i) => {
    const u = new SpeechSynthesisUtterance(text);
    u.voice = voice;
    u.lang = voice.lang;
    u.rate = 0.9;
    if (i === texts.length - 1) {
      u.onend = () => (speaking.value = false);
      u.onerror = () => (speaking.value = false);
    }
    s.speak(u);
  });
}

const BLOCKS = 'h1,h2,h3,legend,p,label,button,summary,dt,dd,a,li';
/** Never spoken: form fields, what the child typed, the read-aloud buttons, hidden parts. */
const NEVER = 'input,textarea,select,[data-typed],[data-no-read],[aria-hidden="true"],svg';

/** The screen's text, block by block, in reading order. */
export function screenText(root: Element): string[] {
  const parts: string[] = [];
  let block: Element | null = null;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === Node.TEXT_NODE) return NodeFilter.FILTER_ACCEPT;
      const el = node as Element;
      // Not shown (a closed disclosure, display: none) is not read either.
      if (el.matches(NEVER) || el.getClientRects().length === 0) return NodeFilter.FILTER_REJECT;
      return NodeFilter.FILTER_SKIP;
    },
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    if (!text.trim()) continue;
    const owner = node.parentElement?.closest(BLOCKS) ?? null;
    if (parts.length > 0 && owner === block) parts[parts.length - 1] += text;
    else parts.push(text);
    block = owner;
  }
  return parts;
}
