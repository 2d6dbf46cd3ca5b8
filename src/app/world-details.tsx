/** The editors of the rest of the world, chosen by what is selected. */
import { findAcl, NaclEditor } from '../features/world/nacl-editor';
import { HostEditor } from '../features/world/host-editor';
import { LoadBalancerEditor } from '../features/world/load-balancer-editor';
import { PrefixListEditor } from '../features/world/prefix-list-editor';
import { SubnetEditor } from '../features/world/subnet-editor';
import { VpcEditor } from '../features/world/vpc-editor';
import { useAppStore } from '../hooks/use-app-store';
import type { Selection } from '../store';

export function WorldDetails({ selection }: { selection: Selection }) {
  const s = useAppStore((st) => st.scenario);
  const select = useAppStore((st) => st.select);
  const { kind, id } = selection;
  const vpc = kind === 'vpc' ? s.vpcs.find((x) => x.id === id) : undefined;
  if (vpc) return <VpcEditor key={id} vpc={vpc} />;
  const subnet = kind === 'subnet' ? s.subnets.find((x) => x.id === id) : undefined;
  if (subnet) return <SubnetEditor key={id} subnet={subnet} />;
  const host = kind === 'host' ? s.hosts?.find((x) => x.id === id) : undefined;
  if (host) return <HostEditor key={id} host={host} />;
  const list = kind === 'prefix-list' ? s.prefixLists?.find((x) => x.id === id) : undefined;
  if (list) return <PrefixListEditor key={id} list={list} />;
  const lb = kind === 'load-balancer' ? s.loadBalancers?.find((x) => x.id === id) : undefined;
  if (lb) return <LoadBalancerEditor key={id} lb={lb} />;
  const acl = kind === 'network-acl' ? findAcl(s, id) : null;
  if (acl) return <NaclEditor key={id} acl={acl.acl} written={acl.written} />;
  return (
    <div className="details">
      <h2>{id}</h2>
      <p className="empty">This no longer exists (an undo or a delete removed it).</p>
      <button type="button" onClick={() => select(null)}>
        Clear the selection
      </button>
    </div>
  );
}
