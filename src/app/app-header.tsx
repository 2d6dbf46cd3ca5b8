/** The header: the scenario's name (editable), undo and redo, the theme. */
import { lazy, Suspense } from 'react';
import { DraftInput } from '../components/draft-input';
import { useAppStore, useUndoState } from '../hooks/use-app-store';
import { renameScenario } from '../model';
import type { Theme } from '../store';
import { OpenFileButton } from '../features/share/file-drop';

// the built-in scenarios load when the menu first opens
const GalleryChoices = lazy(() =>
  import('./gallery-choices').then((m) => ({ default: m.GalleryChoices })),
);

export function AppHeader() {
  const name = useAppStore((s) => s.scenario.name);
  const edit = useAppStore((s) => s.edit);
  const undo = useAppStore((s) => s.undo);
  const redo = useAppStore((s) => s.redo);
  const theme = useAppStore((s) => s.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  const { canUndo, canRedo } = useUndoState();
  const openHelp = useAppStore((s) => s.openHelp);
  const downloadWork = useAppStore((s) => s.downloadWork);
  const openDialog = useAppStore((s) => s.openDialog);
  const mac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
  const mod = mac ? '⌘' : 'Ctrl+';
  return (
    <header className="header">
      <h1 className="brand">SG Lab</h1>
      <div className="scenario-title">
        <DraftInput
          label="Scenario name"
          className="name-input"
          value={name}
          check={(v) =>
            v.trim() === ''
              ? [
                  {
                    code: 'MissingParameter',
                    message: 'A scenario needs a name.',
                    path: 'name',
                    severity: 'error',
                  },
                ]
              : []
          }
          onCommit={(v) => {
            if (v.trim() !== '')
              edit('scenario/rename', `Rename the scenario to ${v.trim()}`, (s) =>
                renameScenario(s, v),
              );
          }}
        />
      </div>
      <div className="header-actions">
        <details className="menu">
          <summary>New</summary>
          {/* a choice closes the menu (a file picker opened from it still reports back) */}
          <div
            className="menu-items"
            role="group"
            aria-label="New scenario"
            onClick={(e) => {
              if ((e.target as HTMLElement).closest('button'))
                e.currentTarget.closest('details')?.removeAttribute('open');
            }}
          >
            <span className="menu-label" aria-hidden="true">
              Built-in scenarios
            </span>
            <Suspense fallback={<span className="muted">Loading…</span>}>
              <GalleryChoices variant="menu" />
            </Suspense>
            <hr />
            <OpenFileButton />
            <button type="button" onClick={() => openDialog('import')}>
              Import from AWS or Terraform…
            </button>
          </div>
        </details>
        <button type="button" onClick={() => openDialog('lessons')}>
          Learn
        </button>
        <button type="button" onClick={() => openDialog('share')}>
          Share
        </button>
        <button type="button" onClick={() => openDialog('recent')}>
          Recent
        </button>
        <button type="button" onClick={downloadWork} title="Save the scenario as a JSON file">
          Download
        </button>
        <button type="button" onClick={() => openHelp()}>
          Help
        </button>
        <button
          type="button"
          onClick={undo}
          disabled={!canUndo}
          aria-keyshortcuts={mac ? 'Meta+Z' : 'Control+Z'}
          title={`Undo (${mod}Z)`}
        >
          ↶ Undo
        </button>
        <button
          type="button"
          onClick={redo}
          disabled={!canRedo}
          aria-keyshortcuts={mac ? 'Meta+Shift+Z' : 'Control+Shift+Z'}
          title={`Redo (${mod}Shift+Z)`}
        >
          ↷ Redo
        </button>
        <label className="theme">
          <span className="sr-only">Theme</span>
          <select
            value={theme}
            onChange={(e) => setTheme(e.target.value as Theme)}
            aria-label="Theme"
          >
            <option value="system">◐ System</option>
            <option value="light">☀ Light</option>
            <option value="dark">☾ Dark</option>
          </select>
        </label>
      </div>
    </header>
  );
}
