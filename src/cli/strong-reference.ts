/**
 * The benchmark's strong reference: the fastest straightforward evaluator of the instance matrix.
 * Every rule and ACL entry is parsed once into numbers; then, per pair, every outbound rule of
 * the sender's groups and every inbound rule of the receiver's are scanned (and each ACL's entries
 * in number order, for the request and the reply). No bitsets, no caching between pairs: what a
 * careful engineer writes first, and what the engine must beat.
 */
import {
  DEFAULT_SOURCE_PORT,
  normaliseProtocol,
  parseCidr,
  parseIp,
  protocolNumber,
  ruleIsValid,
  type NetworkAcl,
  type Rule,
  type Scenario,
} from '../model';

interface NumRule {
  readonly protocol: number;
  readonly from: number;
  readonly to: number;
  /** IPv4 ranges as [lo, hi, lo, hi, …]; for a group reference, null (see members) */
  readonly ranges: Float64Array | null;
  readonly members: ReadonlySet<number> | null;
}

interface NumEntry {
  readonly allow: boolean;
  readonly protocol: number;
  readonly from: number;
  readonly to: number;
  readonly lo: number;
  readonly hi: number;
}

interface NumAcl {
  readonly inbound: readonly NumEntry[];
  readonly outbound: readonly NumEntry[];
}

interface Host {
  readonly ip: number;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly running: boolean;
  readonly out: readonly NumRule[];
  readonly in: readonly NumRule[];
  readonly unfiltered: boolean;
}

export interface StrongReference {
  /** Whether instance `from` may open a TCP/UDP connection to instance `to` on `port`. */
  allowed(from: number, to: number): boolean;
}

const hasPorts = (p: number): boolean => p === 6 || p === 17;

function numRule(
  r: Rule,
  members: ReadonlyMap<string, Set<number>>,
  lists: Scenario['prefixLists'],
): NumRule | null {
  if (!ruleIsValid(r)) return null;
  const protocol = protocolNumber(normaliseProtocol(r.protocol)) as number;
  const ports = hasPorts(protocol);
  const base = {
    protocol,
    from: ports ? (r.fromPort ?? 0) : 0,
    to: ports ? (r.toPort ?? 65535) : 65535,
  };
  if (r.referencedGroupId !== undefined)
    return { ...base, ranges: null, members: members.get(r.referencedGroupId) ?? new Set() };
  const cidrs =
    r.prefixListId !== undefined
      ? ((lists ?? []).find((l) => l.id === r.prefixListId)?.entries ?? []).map((e) => e.cidr)
      : r.cidrIpv4 !== undefined
        ? [r.cidrIpv4]
        : [];
  const ranges: number[] = [];
  for (const text of cidrs) {
    const c = parseCidr(text);
    if (c.ok && c.cidr.family === 4) ranges.push(c.cidr.lo, c.cidr.hi);
  }
  // an IPv6 rule never matches an instance's private IPv4 address
  if (ranges.length === 0) return null;
  return { ...base, ranges: Float64Array.from(ranges), members: null };
}

function numAcl(acl: NetworkAcl): NumAcl {
  const list = (dir: 'inbound' | 'outbound') =>
    acl[dir]
      .flatMap((e): (NumEntry & { n: number })[] => {
        const c = e.cidrIpv4 !== undefined ? parseCidr(e.cidrIpv4) : null;
        const protocol = protocolNumber(normaliseProtocol(e.protocol));
        if (!c?.ok || c.cidr.family !== 4 || protocol === null) return [];
        const ports = hasPorts(protocol);
        return [
          {
            n: e.ruleNumber,
            allow: e.action === 'allow',
            protocol,
            from: ports ? (e.fromPort ?? 0) : 0,
            to: ports ? (e.toPort ?? 65535) : 65535,
            lo: c.cidr.lo,
            hi: c.cidr.hi,
          },
        ];
      })
      .sort((a, b) => a.n - b.n);
  return { inbound: list('inbound'), outbound: list('outbound') };
}

function ruleMatches(r: NumRule, protocol: number, port: number, ip: number): boolean {
  if (r.protocol !== -1 && r.protocol !== protocol) return false;
  if (hasPorts(r.protocol) && (port < r.from || port > r.to)) return false;
  if (r.members) return r.members.has(ip);
  const ranges = r.ranges as Float64Array;
  for (let k = 0; k < ranges.length; k += 2)
    if (ip >= (ranges[k] as number) && ip <= (ranges[k + 1] as number)) return true;
  return false;
}

function admits(rules: readonly NumRule[], protocol: number, port: number, ip: number): boolean {
  for (const r of rules) if (ruleMatches(r, protocol, port, ip)) return true;
  return false;
}

/** First match in number order; no entry matching: the final `*` deny. */
function aclAllows(
  entries: readonly NumEntry[],
  protocol: number,
  port: number,
  ip: number,
): boolean {
  for (const e of entries) {
    if (e.protocol !== -1 && e.protocol !== protocol) continue;
    if (hasPorts(e.protocol) && (port < e.from || port > e.to)) continue;
    if (ip < e.lo || ip > e.hi) continue;
    return e.allow;
  }
  return false;
}

/** Parses the scenario once, for one TCP or UDP service; instance pairs are asked by index. */
export function strongReference(s: Scenario, protocol: 6 | 17, port: number): StrongReference {
  const members = new Map<string, Set<number>>();
  const ips = s.instances.map((i) => {
    const ip = parseIp(i.privateIp);
    return ip?.family === 4 ? ip.value : -1;
  });
  s.instances.forEach((inst, k) => {
    for (const g of inst.securityGroupIds) {
      if (!members.has(g)) members.set(g, new Set());
      (members.get(g) as Set<number>).add(ips[k] as number);
    }
  });
  const groups = new Map(
    s.securityGroups.map((g) => {
      const parse = (rules: readonly Rule[]) =>
        rules.flatMap((r) => numRule(r, members, s.prefixLists) ?? []);
      return [g.id, { in: parse(g.inbound), out: parse(g.outbound) }];
    }),
  );
  const subnets = new Map(s.subnets.map((sn) => [sn.id, sn]));
  const acls = new Map<string, NumAcl>();
  const byAcl = new Map<NetworkAcl, NumAcl>();
  const parsed = (a: NetworkAcl) => byAcl.get(a) ?? (byAcl.set(a, numAcl(a)).get(a) as NumAcl);
  for (const sn of s.subnets) {
    const list = s.networkAcls ?? [];
    const acl =
      list.find((a) => a.subnetIds.includes(sn.id)) ??
      list.find((a) => a.isDefault && a.vpcId === sn.vpcId);
    if (acl) acls.set(sn.id, parsed(acl));
  }
  const hosts: Host[] = s.instances.map((inst, k) => {
    const sn = subnets.get(inst.subnetId);
    const own = inst.securityGroupIds.map((g) => groups.get(g));
    return {
      ip: ips[k] as number,
      vpcId: sn?.vpcId ?? '',
      subnetId: inst.subnetId,
      running:
        inst.state !== 'stopped' &&
        !(s.unavailableZones ?? []).includes(sn?.availabilityZone ?? ''),
      out: own.flatMap((g) => g?.out ?? []),
      in: own.flatMap((g) => g?.in ?? []),
      unfiltered: inst.securityGroupIds.length === 0,
    };
  });
  const reply = DEFAULT_SOURCE_PORT;
  return {
    allowed(from, to) {
      const a = hosts[from] as Host;
      const b = hosts[to] as Host;
      if (!a.running || !b.running || a.ip < 0 || b.ip < 0 || a.vpcId !== b.vpcId) return false;
      if (from === to) return true;
      if (!a.unfiltered && !admits(a.out, protocol, port, b.ip)) return false;
      if (!b.unfiltered && !admits(b.in, protocol, port, a.ip)) return false;
      if (a.subnetId === b.subnetId) return true;
      const aclA = acls.get(a.subnetId);
      const aclB = acls.get(b.subnetId);
      return (
        (!aclA ||
          (aclAllows(aclA.outbound, protocol, port, b.ip) &&
            aclAllows(aclA.inbound, protocol, reply, b.ip))) &&
        (!aclB ||
          (aclAllows(aclB.inbound, protocol, port, a.ip) &&
            aclAllows(aclB.outbound, protocol, reply, a.ip)))
      );
    },
  };
}
