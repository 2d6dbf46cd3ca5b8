/**
 * The benchmark's strong reference: the fastest straightforward evaluator of the instance matrix.
 * Every rule and ACL entry is parsed once into numbers; then, per pair, every outbound rule of
 * the sender's groups and every inbound rule of the receiver's are scanned (and each ACL's entries
 * in number order, for the request and the reply). No bitsets, no caching between pairs: what a
 * careful engineer writes first, and what the engine must beat.
 */
import {
  DEFAULT_SOURCE_PORT,
  parseCidr,
  parseIp,
  protocolNumberOf,
  ruleIsValid,
  type NetworkAcl,
  type Rule,
  type Scenario,
} from '../model';

/** A rule as six numbers: protocol, first and last port, address range, referenced group (-1). */
const WIDTH = 6;

export interface StrongReference {
  /** Whether instance `from` may open a TCP/UDP connection to instance `to` on `port`. */
  allowed(from: number, to: number): boolean;
}

const hasPorts = (p: number): boolean => p === 6 || p === 17;

/** Rows of WIDTH numbers for one rule (one per address range of a prefix list). */
function encode(
  r: Rule,
  groupNo: ReadonlyMap<string, number>,
  lists: Scenario['prefixLists'],
): number[] {
  if (!ruleIsValid(r)) return [];
  const protocol = protocolNumberOf(r.protocol) as number;
  const ports = hasPorts(protocol);
  const from = ports ? (r.fromPort ?? 0) : 0;
  const to = ports ? (r.toPort ?? 65535) : 65535;
  if (r.referencedGroupId !== undefined)
    return [protocol, from, to, 0, -1, groupNo.get(r.referencedGroupId) ?? -2];
  const cidrs =
    r.prefixListId !== undefined
      ? ((lists ?? []).find((l) => l.id === r.prefixListId)?.entries ?? []).map((e) => e.cidr)
      : r.cidrIpv4 !== undefined
        ? [r.cidrIpv4]
        : [];
  const out: number[] = [];
  for (const text of cidrs) {
    const c = parseCidr(text);
    // an IPv6 range never matches an instance's private IPv4 address
    if (c.ok && c.cidr.family === 4) out.push(protocol, from, to, c.cidr.lo, c.cidr.hi, -1);
  }
  return out;
}

/** ACL entries in number order as six numbers: protocol, ports, address range, allow (1/0). */
function encodeAcl(entries: readonly NetworkAcl['inbound'][number][]): Float64Array {
  const rows = entries
    .flatMap((e) => {
      const c = e.cidrIpv4 !== undefined ? parseCidr(e.cidrIpv4) : null;
      const protocol = protocolNumberOf(e.protocol);
      if (!c?.ok || c.cidr.family !== 4 || protocol === null) return [];
      const ports = hasPorts(protocol);
      return [
        {
          n: e.ruleNumber,
          row: [
            protocol,
            ports ? (e.fromPort ?? 0) : 0,
            ports ? (e.toPort ?? 65535) : 65535,
            c.cidr.lo,
            c.cidr.hi,
            e.action === 'allow' ? 1 : 0,
          ],
        },
      ];
    })
    .sort((a, b) => a.n - b.n);
  return Float64Array.from(rows.flatMap((r) => r.row));
}

/** One rule of the groups matches the packet from or to `ip`, whose interface carries `groups`. */
function admits(
  lists: readonly Float64Array[],
  protocol: number,
  port: number,
  ip: number,
  groups: Int32Array,
): boolean {
  for (const rules of lists) if (admitsOne(rules, protocol, port, ip, groups)) return true;
  return false;
}

function admitsOne(
  rules: Float64Array,
  protocol: number,
  port: number,
  ip: number,
  groups: Int32Array,
): boolean {
  for (let k = 0; k < rules.length; k += WIDTH) {
    const p = rules[k] as number;
    if (p !== -1 && p !== protocol) continue;
    if (hasPorts(p) && (port < (rules[k + 1] as number) || port > (rules[k + 2] as number)))
      continue;
    const g = rules[k + 5] as number;
    if (g === -1) {
      if (ip >= (rules[k + 3] as number) && ip <= (rules[k + 4] as number)) return true;
    } else if (groups.includes(g)) return true;
  }
  return false;
}

/** First match in number order; no entry matching: the final `*` deny. */
function aclAllows(entries: Float64Array, protocol: number, port: number, ip: number): boolean {
  for (let k = 0; k < entries.length; k += WIDTH) {
    const p = entries[k] as number;
    if (p !== -1 && p !== protocol) continue;
    if (hasPorts(p) && (port < (entries[k + 1] as number) || port > (entries[k + 2] as number)))
      continue;
    if (ip < (entries[k + 3] as number) || ip > (entries[k + 4] as number)) continue;
    return entries[k + 5] === 1;
  }
  return false;
}

interface Host {
  readonly ip: number;
  readonly vpc: number;
  readonly subnet: number;
  readonly running: boolean;
  readonly unfiltered: boolean;
  /** Group numbers it carries: a reference to one of them matches its private address. */
  readonly groups: Int32Array;
  /** Its groups' rules, one array per group (shared, not copied per interface). */
  readonly out: readonly Float64Array[];
  readonly in: readonly Float64Array[];
  /** Its subnet's ACL, or null when none filters it. */
  readonly acl: { readonly inbound: Float64Array; readonly outbound: Float64Array } | null;
}

/** Parses the scenario once, for one TCP or UDP service; instance pairs are asked by index. */
export function strongReference(s: Scenario, protocol: 6 | 17, port: number): StrongReference {
  const groupNo = new Map(s.securityGroups.map((g, k) => [g.id, k]));
  const encoded = s.securityGroups.map((g) => ({
    in: Float64Array.from(g.inbound.flatMap((r) => encode(r, groupNo, s.prefixLists))),
    out: Float64Array.from(g.outbound.flatMap((r) => encode(r, groupNo, s.prefixLists))),
  }));
  const subnets = new Map(s.subnets.map((sn, k) => [sn.id, { sn, k }]));
  const vpcs = new Map(s.vpcs.map((v, k) => [v.id, k]));
  const aclOf = new Map<NetworkAcl, Host['acl']>();
  const list = s.networkAcls ?? [];
  const subnetAcl = (id: string, vpcId: string): Host['acl'] => {
    const acl =
      list.find((a) => a.subnetIds.includes(id)) ??
      list.find((a) => a.isDefault && a.vpcId === vpcId);
    if (!acl) return null;
    if (!aclOf.has(acl))
      aclOf.set(acl, { inbound: encodeAcl(acl.inbound), outbound: encodeAcl(acl.outbound) });
    return aclOf.get(acl) ?? null;
  };
  const down = new Set(s.unavailableZones);
  const hosts: Host[] = s.instances.map((inst) => {
    const ip = parseIp(inst.privateIp);
    const at = subnets.get(inst.subnetId);
    const own = inst.securityGroupIds.map((g) => groupNo.get(g) ?? -3);
    return {
      ip: ip?.family === 4 ? ip.value : -1,
      vpc: at ? (vpcs.get(at.sn.vpcId) ?? -1) : -1,
      subnet: at?.k ?? -1,
      running: inst.state !== 'stopped' && !down.has(at?.sn.availabilityZone ?? ''),
      unfiltered: own.length === 0,
      groups: Int32Array.from(own),
      out: own.flatMap((g) => encoded[g]?.out ?? []),
      in: own.flatMap((g) => encoded[g]?.in ?? []),
      acl: at ? subnetAcl(at.sn.id, at.sn.vpcId) : null,
    };
  });
  const reply = DEFAULT_SOURCE_PORT;
  return {
    allowed(from, to) {
      const a = hosts[from] as Host;
      const b = hosts[to] as Host;
      if (!a.running || !b.running || a.ip < 0 || b.ip < 0 || a.vpc < 0 || a.vpc !== b.vpc)
        return false;
      if (from === to) return true;
      if (!a.unfiltered && !admits(a.out, protocol, port, b.ip, b.groups)) return false;
      if (!b.unfiltered && !admits(b.in, protocol, port, a.ip, a.groups)) return false;
      if (a.subnet === b.subnet) return true;
      return (
        (!a.acl ||
          (aclAllows(a.acl.outbound, protocol, port, b.ip) &&
            aclAllows(a.acl.inbound, protocol, reply, b.ip))) &&
        (!b.acl ||
          (aclAllows(b.acl.inbound, protocol, port, a.ip) &&
            aclAllows(b.acl.outbound, protocol, reply, a.ip)))
      );
    },
  };
}
