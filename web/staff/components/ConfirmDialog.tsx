// Asking before a step that cannot be undone (issue 13): a modal <dialog> that names what will
// happen, with "cancel" focused first so Enter never confirms by accident. The browser's own modal
// dialog traps focus, closes on Escape and hides the page behind it from screen readers.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ts } from '../i18n.ts';

export interface ConfirmRequest {
  title: string;
  /** What happens, in a sentence or two. */
  text: ComponentChildren;
  /** The confirming button says the action itself ("Wyłącz konto Anny"), not "OK". */
  confirm: string;
  run: () => void | Promise<void>;
}

function ConfirmDialog({ request, onClose }: { request: ConfirmRequest; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  // Closed first, then run: while the modal is open the page behind it is inert, and what the
  // step leads to (the next button to press) must be able to take the focus.
  const confirm = () => {
    dialog.current?.close();
    onClose();
    void request.run();
  };
  return (
    <dialog
      ref={dialog}
      class="confirm"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-text"
      onClose={onClose}
    >
      <h2 id="confirm-title">{request.title}</h2>
      <div id="confirm-text">{request.text}</div>
      <div class="confirm__actions">
        <button type="button" class="button--secondary" autoFocus onClick={onClose}>
          {ts('cancel')}
        </button>
        <button type="button" class="button--danger" onClick={confirm}>
          {request.confirm}
        </button>
      </div>
    </dialog>
  );
}

/** [the dialog to render, ask(request)]: ask opens it; the request runs only when confirmed. */
export function useConfirm(): [ComponentChildren, (request: ConfirmRequest) => void] {
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const element = request && <ConfirmDialog request={request} onClose={() => setRequest(null)} />;
  return [element, setRequest];
}
