/** A native modal dialog driven by the store (open while `open`), closed by Escape or Close. */
import { useEffect, useRef, type ReactNode } from 'react';

export function Modal({
  open,
  title,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  // closed because another dialog took over: its close event must not close that one too
  const closedByProp = useRef(false);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      // where the eye goes first (a field to fill), else the dialog's own first control
      d.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    if (!open && d.open) {
      closedByProp.current = true;
      d.close();
    }
  }, [open]);
  const id = `dialog-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <dialog
      ref={ref}
      className="help"
      aria-labelledby={id}
      onClose={() => {
        if (closedByProp.current) closedByProp.current = false;
        else onClose();
      }}
    >
      <div className="help-head">
        <h2 id={id}>{title}</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {open && children}
    </dialog>
  );
}
