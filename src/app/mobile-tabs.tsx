/** A phone's bottom tab bar: one part of the app at a time instead of one long page. */
import { useAppStore } from '../hooks/use-app-store';
import type { View } from '../store';

const TABS: readonly [View, string][] = [
  ['world', 'World'],
  ['details', 'Rules'],
  ['traffic', 'Traffic'],
  ['checks', 'Checks'],
];

export function MobileTabs() {
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  // during a lesson or challenge its panel heads the checks: the tab says so
  const learning = useAppStore((s) => s.activity !== null);
  return (
    <nav className="mobile-tabs" aria-label="Parts of the app">
      {TABS.map(([v, label]) => (
        <button
          key={v}
          type="button"
          aria-current={v === view ? 'page' : undefined}
          onClick={() => {
            setView(v);
            window.scrollTo({ top: 0 });
          }}
        >
          {v === 'checks' && learning ? 'Lesson' : label}
        </button>
      ))}
    </nav>
  );
}
