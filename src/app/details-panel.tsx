/** The side panel: the details of whatever is selected, or what to do when nothing is. */
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useAppStore } from '../hooks/use-app-store';

// nothing is selected at first: every editor loads when first opened (the rules grid and its
// table library with the group editor), so the first paint does not wait for them
const WorldDetails = lazy(() =>
  import('./world-details').then((m) => ({ default: m.WorldDetails })),
);
const GroupDetails = lazy(() =>
  import('../features/groups/group-details').then((m) => ({ default: m.GroupDetails })),
);
const CreateGroupForm = lazy(() =>
  import('../features/groups/create-group-form').then((m) => ({ default: m.CreateGroupForm })),
);
const InstanceDetails = lazy(() =>
  import('../features/instances/instance-details').then((m) => ({
    default: m.InstanceDetails,
  })),
);
const AddInstanceForm = lazy(() =>
  import('../features/instances/add-instance-form').then((m) => ({
    default: m.AddInstanceForm,
  })),
);

export function DetailsPanel() {
  const selection = useAppStore((s) => s.selection);
  const ref = useRef<HTMLDivElement>(null);
  // what was just selected gets the focus, at its heading: the next Tab reaches its fields
  const key = selection ? `${selection.kind}:${selection.id}` : '';
  useEffect(() => {
    if (!key) return;
    const focus = () => {
      const h = ref.current?.querySelector<HTMLElement>('h2');
      if (!h) return false;
      h.tabIndex = -1;
      h.focus({ preventScroll: false });
      return true;
    };
    // a lazily loaded editor has no heading yet: try again until it has painted (a second at most)
    if (focus()) return;
    let tries = 0;
    const t = setInterval(() => {
      if (focus() || ++tries > 20) clearInterval(t);
    }, 50);
    return () => clearInterval(t);
  }, [key]);
  return (
    <div ref={ref}>
      <Selected />
    </div>
  );
}

function Selected() {
  const selection = useAppStore((s) => s.selection);
  if (!selection)
    return (
      <div className="details empty-state">
        <h2>Nothing selected</h2>
        <p className="muted">
          Pick an instance, a load balancer or a security group in the diagram or the list to see
          and edit it. Every change applies at once; Ctrl+Z undoes it.
        </p>
      </div>
    );
  return (
    <Suspense fallback={<p className="empty">Loading…</p>}>
      <Editor />
    </Suspense>
  );
}

function Editor() {
  const selection = useAppStore((s) => s.selection);
  const scenario = useAppStore((s) => s.scenario);
  if (!selection) return null;
  if (selection.kind === 'new-group') return <CreateGroupForm />;
  if (selection.kind === 'new-instance') return <AddInstanceForm />;
  if (selection.kind === 'group') {
    const g = scenario.securityGroups.find((x) => x.id === selection.id);
    if (g) return <GroupDetails key={g.id} group={g} />;
  }
  if (selection.kind === 'instance') {
    const i = scenario.instances.find((x) => x.id === selection.id);
    if (i) return <InstanceDetails key={i.id} instance={i} />;
  }
  return <WorldDetails selection={selection} />;
}
