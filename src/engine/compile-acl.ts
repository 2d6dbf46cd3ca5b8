/**
 * Network ACLs compiled per subnet (aws-semantics.md §9): each subnet's filter found once, its
 * valid entries parsed and sorted by number. Invalid entries take no effect, as invalid rules do
 * (the editor marks them). Cached by the ACL list and the subnets, so a rule edit reuses it.
 */
import {
  cidrOf,
  hasErrors,
  portModel,
  protocolNumberOf,
  validateNaclEntry,
  type NaclEntry,
  type NetworkAcl,
  type Scenario,
} from '../model';
import type { CompiledAcl, CompiledNaclEntry } from './compiled-types';

const cache = new WeakMap<
  NonNullable<Scenario['networkAcls']>,
  { subnets: Scenario['subnets']; acls: ReadonlyMap<string, CompiledAcl> }
>();
const aclCache = new WeakMap<NetworkAcl, CompiledAcl>();
const NONE: ReadonlyMap<string, CompiledAcl> = new Map();

function compileEntry(e: NaclEntry): CompiledNaclEntry | null {
  if (hasErrors(validateNaclEntry(e, ''))) return null;
  const protocol = protocolNumberOf(e.protocol);
  const cidr = cidrOf(e.cidrIpv4 ?? e.cidrIpv6 ?? '');
  if (protocol === null || !cidr) return null;
  const ports = protocol === -1 ? 'none' : portModel(String(protocol));
  return {
    ruleNumber: e.ruleNumber,
    allow: e.action === 'allow',
    protocol,
    ports,
    from: ports === 'ports' ? (e.fromPort ?? 0) : ports === 'icmp' ? (e.icmpType ?? -1) : -1,
    to: ports === 'ports' ? (e.toPort ?? 65535) : ports === 'icmp' ? (e.icmpCode ?? -1) : -1,
    cidr,
    entry: e,
  };
}

export function compileAcl(acl: NetworkAcl): CompiledAcl {
  const hit = aclCache.get(acl);
  if (hit) return hit;
  const list = (entries: readonly NaclEntry[]) =>
    entries
      .map(compileEntry)
      .filter((e): e is CompiledNaclEntry => e !== null)
      .sort((a, b) => a.ruleNumber - b.ruleNumber);
  const compiled: CompiledAcl = {
    id: acl.id,
    name: acl.name ?? acl.id,
    source: acl,
    inbound: list(acl.inbound),
    outbound: list(acl.outbound),
  };
  aclCache.set(acl, compiled);
  return compiled;
}

/** Subnet id → the ACL at its boundary: the one naming it, else its VPC's default ACL. */
export function compileAcls(s: Scenario): ReadonlyMap<string, CompiledAcl> {
  const list = s.networkAcls;
  if (!list || list.length === 0) return NONE;
  const hit = cache.get(list);
  if (hit && hit.subnets === s.subnets) return hit.acls;
  const acls = new Map<string, CompiledAcl>();
  for (const acl of list)
    for (const id of acl.subnetIds) if (!acls.has(id)) acls.set(id, compileAcl(acl));
  const defaults = new Map<string, NetworkAcl>();
  for (const acl of list)
    if (acl.isDefault && !defaults.has(acl.vpcId)) defaults.set(acl.vpcId, acl);
  for (const sn of s.subnets) {
    const d = defaults.get(sn.vpcId);
    if (d && !acls.has(sn.id)) acls.set(sn.id, compileAcl(d));
  }
  cache.set(list, { subnets: s.subnets, acls });
  return acls;
}
