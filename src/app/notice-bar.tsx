/** The notice after each edit, undo or refusal: read out politely, dismissable, fading if good news. */
import { useEffect } from 'react';
import { useAppStore } from '../hooks/use-app-store';

export function NoticeBar() {
  const notice = useAppStore((s) => s.notice);
  const dismiss = useAppStore((s) => s.dismissNotice);
  useEffect(() => {
    if (!notice || notice.tone === 'error' || notice.tone === 'warning' || notice.actions) return;
    const t = setTimeout(dismiss, 12_000);
    return () => clearTimeout(t);
  }, [notice, dismiss]);
  return (
    <div className="notice-area" role="status" aria-live="polite">
      {notice && (
        <div className={`notice ${notice.tone}`} key={notice.id} data-testid="notice">
          <span>{notice.text}</span>
          {notice.actions?.map((a) => (
            <button key={a.label} type="button" onClick={a.run}>
              {a.label}
            </button>
          ))}
          <button type="button" className="link" onClick={dismiss} aria-label="Dismiss the notice">
            ✕
          </button>
        </div>
      )}
    </div>
  );
}
