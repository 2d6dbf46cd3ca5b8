/**
 * Share: the link to this scenario (the whole document, in the URL fragment: nothing is sent to
 * any server), its length, Copy, a QR code when the link fits one, and the file as the fallback.
 */
import { useEffect, useRef, useState } from 'react';
import { CopyButton } from '../../components/copy-button';
import { useAppStore } from '../../hooks/use-app-store';
import { shareLinkOf } from '../../store';
import { formatCount } from '../../model';
import { ExportSection } from './export-section';
import { Modal } from '../../components/modal';

/** Chat apps cut links about here. */
const CHAT_LIMIT = 2000;

function QrCode({ text }: { text: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    // the QR library loads only when a link is shown
    void import('lean-qr').then(({ generate }) => {
      if (!live || !canvas.current) return;
      try {
        generate(text).toCanvas(canvas.current);
      } catch {
        setFailed(true);
      }
    });
    return () => {
      live = false;
    };
  }, [text]);
  if (failed) return <p className="muted small">The link is too long for a QR code.</p>;
  return (
    <canvas
      ref={canvas}
      className="qr"
      role="img"
      aria-label="QR code of the link, to open it on a phone"
    />
  );
}

export function ShareDialog() {
  const open = useAppStore((s) => s.dialog === 'share');
  const openDialog = useAppStore((s) => s.openDialog);
  const scenario = useAppStore((s) => s.scenario);
  const downloadWork = useAppStore((s) => s.downloadWork);
  const [fragment, setFragment] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    void shareLinkOf(scenario).then((f) => live && setFragment(f));
    return () => {
      live = false;
    };
  }, [open, scenario]);
  const link = fragment
    ? `${window.location.origin}${window.location.pathname}${window.location.search}${fragment}`
    : '';
  return (
    <Modal open={open} title="Share this scenario" onClose={() => openDialog(null)}>
      <p>
        The link holds the whole scenario in its fragment (after the #), which browsers never send
        to a server. Whoever opens it gets a copy; their changes do not reach you.
      </p>
      <label htmlFor="share-link">Link</label>
      <textarea id="share-link" readOnly rows={4} value={link} className="mono share-link" />
      <p className={link.length > CHAT_LIMIT ? 'msg warning' : 'muted small'}>
        {formatCount(link.length)} characters
        {link.length > CHAT_LIMIT &&
          ` — past ${formatCount(CHAT_LIMIT)}, chat apps often cut links: send the file instead.`}
      </p>
      <div className="actions">
        <CopyButton text={link} label="Copy link" primary />
        <button type="button" onClick={downloadWork}>
          Download file
        </button>
        <button
          type="button"
          onClick={() => openDialog('create-challenge')}
          title="A link that asks a learner to make goals hold, starting from this scenario"
        >
          Create challenge…
        </button>
      </div>
      {link && <QrCode text={link} />}
      <ExportSection />
    </Modal>
  );
}
