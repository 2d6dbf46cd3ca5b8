/**
 * The built-in scenarios to choose from, as the New menu's buttons or the welcome's list with
 * their summaries. Loaded when first shown: the scenarios are not in the first paint's bundle.
 */
import { useAppStore } from '../hooks/use-app-store';
import { BUILT_INS } from './gallery';

export function GalleryChoices({
  variant,
  onChosen,
}: {
  variant: 'menu' | 'list';
  onChosen?: () => void;
}) {
  const load = useAppStore((s) => s.load);
  const open = (b: (typeof BUILT_INS)[number]) =>
    void b.scenario().then((scenario) => {
      // the work being replaced goes into Recent scenarios, and the notice offers it back
      load(scenario, { label: b.title });
      onChosen?.();
    });
  if (variant === 'menu')
    return (
      <>
        {BUILT_INS.map((b) => (
          <button key={b.id} type="button" onClick={() => open(b)}>
            {b.title}
          </button>
        ))}
      </>
    );
  return (
    <ul className="gallery">
      {BUILT_INS.map((b) => (
        <li key={b.id}>
          <button type="button" onClick={() => open(b)}>
            {b.title}
          </button>{' '}
          <span className="muted">{b.summary}</span>
        </li>
      ))}
    </ul>
  );
}
