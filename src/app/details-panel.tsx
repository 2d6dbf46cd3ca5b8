/** The side panel: the details of whatever is selected, or what to do when nothing is. */
import { lazy, Suspense, useEffect, useRef } from 'react';
import { CreateGroupForm } from '../features/groups/create-group-form';
import { GroupDetails } from '../features/groups/group-details';
import { AddInstanceForm } from '../features/instances/add-instance-form';
import { InstanceDetails } from '../features/instances/instance-details';
import { useAppStore } from '../hooks/use-app-store';

// editors of VPCs, subnets, hosts, prefix lists and load balancers load when first opened
const WorldDetails = lazy(() =>
  import('./world-details').then((m) => ({ default: m.WorldDetails })),
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
    // a lazily loaded editor has no heading yet: try again once it has painted
    if (focus()) return;
    const t = setTimeout(focus, 150);
    return () => clearTimeout(t);
  }, [key]);
  return (
    <div ref={ref}>
      <Selected />
    </div>
  );
}

function Selected() {
  const selection = useAppStore((s) => s.selection);
  const scenario = useAppStore((s) => s.scenario);
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
  return (
    <Suspense fallback={<p className="empty">Loading…</p>}>
      <WorldDetails selection={selection} />
    </Suspense>
  );
}
