/**
 * A large, deterministic scenario for the benchmark and scale tests: one VPC (IPv4 and IPv6), four
 * subnets in two Availability Zones, `groups` groups of `rulesPerGroup` rules (IPv4 and IPv6 CIDRs,
 * group references, prefix lists) and `instances` instances carrying one to three groups each.
 */
import { QUOTAS, ruleQuotaUse } from './quotas';
import type { Instance, PrefixList, Rule, Scenario, SecurityGroup, Subnet } from './types';
import { formatCount } from './format-count';

/** mulberry32: a tiny seeded generator, so every run measures the same scenario. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface LargeOptions {
  readonly instances: number;
  readonly groups: number;
  readonly rulesPerGroup: number;
  readonly seed?: number;
  /** Called now and then with the share done, 0 to 1 (groups first, then instances). */
  readonly onProgress?: (done: number) => void;
}

const PORTS: readonly [number, number][] = [
  [443, 443],
  [80, 80],
  [22, 22],
  [5432, 5432],
  [8000, 8999],
  [0, 65535],
  [3306, 3306],
  [6379, 6379],
];

export function largeScenario(o: LargeOptions): Scenario {
  const rnd = random(o.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  // past four /20s (4,091 usable addresses each), four /18s: the whole /16, up to 65,516 instances
  const wide = o.instances > 4 * 4091;
  const span = wide ? 64 : 16;
  const subnets: Subnet[] = [0, 1, 2, 3].map((k) => ({
    id: `subnet-${k}`,
    name: `${k < 2 ? 'public' : 'private'}-${k % 2 ? 'b' : 'a'}`,
    vpcId: 'vpc-large',
    availabilityZone: k % 2 ? 'us-east-1b' : 'us-east-1a',
    cidr: `10.0.${k * span}.0/${wide ? 18 : 20}`,
    ipv6Cidr: `2600:1f18:42:${k}::/64`,
    public: k < 2,
  }));
  const prefixLists: PrefixList[] = [0, 1, 2].map((k) => ({
    id: `pl-${k}`,
    name: `partners-${k}`,
    addressFamily: 'IPv4',
    maxEntries: 3,
    entries: [0, 1, 2].map((e) => ({ cidr: `198.51.${k * 10 + e}.0/24` })),
  }));
  const groupIds = Array.from({ length: o.groups }, (_, g) => `sg-${String(g).padStart(4, '0')}`);
  const peer = (): Partial<Rule> => {
    const r = rnd();
    if (r < 0.45) {
      const third = Math.floor(rnd() * span * 4);
      const size = pick([16, 20, 24, 28, 32]);
      const networks: Record<number, string> = {
        16: '10.0.0.0',
        20: `10.0.${third & 0xf0}.0`,
        24: `10.0.${third}.0`,
        28: `10.0.${third}.${16 * Math.floor(rnd() * 16)}`,
        32: `10.0.${third}.${4 + Math.floor(rnd() * 250)}`,
      };
      return { cidrIpv4: `${networks[size]}/${size}` };
    }
    if (r < 0.55) return { cidrIpv4: pick(['0.0.0.0/0', '203.0.113.0/24', '172.16.0.0/12']) };
    if (r < 0.68) return { cidrIpv6: pick(['::/0', '2600:1f18:42::/56', '2600:1f18:42:1::/64']) };
    if (r < 0.93) return { referencedGroupId: pick(groupIds) };
    return { prefixListId: pick(prefixLists).id };
  };
  const rule = (g: number, dir: string, i: number): Rule => {
    const [fromPort, toPort] = pick(PORTS);
    const proto = rnd();
    const base =
      proto < 0.85
        ? { protocol: 'tcp', fromPort, toPort }
        : proto < 0.93
          ? { protocol: 'udp', fromPort, toPort }
          : proto < 0.98
            ? { protocol: 'icmp', fromPort: 8, toPort: -1 }
            : { protocol: '-1' };
    const to = peer();
    // ping over IPv6 is ICMPv6 echo (128), not ICMP
    const icmp =
      base.protocol === 'icmp' && to.cidrIpv6 ? { protocol: 'icmpv6', fromPort: 128 } : {};
    return { id: `sgr-${g}-${dir}-${i}`, ...base, ...icmp, ...to };
  };
  const inboundCount = Math.round(o.rulesPerGroup * 0.75);
  const lists = new Map(prefixLists.map((l) => [l.id, l]));
  const { rulesPerGroupPerDirection: quota } = QUOTAS;
  // distinct rules only, and within each family's quota: AWS refuses duplicates
  // (InvalidPermission.Duplicate) and a list past 60 (RulesPerSecurityGroupLimitExceeded)
  const rules = (g: number, dir: string, count: number): Rule[] => {
    const seen = new Set<string>();
    const out: Rule[] = [];
    const used = { ipv4: 0, ipv6: 0 };
    while (out.length < count) {
      const r = rule(g, dir, out.length);
      const key = JSON.stringify({ ...r, id: '' });
      const cost = ruleQuotaUse([r], lists);
      if (seen.has(key) || used.ipv4 + cost.ipv4 > quota || used.ipv6 + cost.ipv6 > quota) continue;
      seen.add(key);
      used.ipv4 += cost.ipv4;
      used.ipv6 += cost.ipv6;
      out.push(r);
    }
    return out;
  };
  const total = o.groups + o.instances;
  const tick = (k: number) => {
    if (o.onProgress && k % 1000 === 0) o.onProgress(k / total);
  };
  const securityGroups: SecurityGroup[] = groupIds.map((id, g) => {
    tick(g);
    return {
      id,
      name: `tier-${g}`,
      description: `Generated group ${g}`,
      vpcId: 'vpc-large',
      inbound: rules(g, 'in', inboundCount),
      outbound: rules(g, 'out', o.rulesPerGroup - inboundCount),
    };
  });
  const instances: Instance[] = Array.from({ length: o.instances }, (_, n) => {
    tick(o.groups + n);
    const k = n % 4;
    const host = Math.floor(n / 4) + 4;
    const count = 1 + Math.floor(rnd() * 3);
    const groups = new Set(Array.from({ length: count }, () => pick(groupIds)));
    return {
      id: `i-${String(n).padStart(5, '0')}`,
      name: `app-${n}`,
      subnetId: `subnet-${k}`,
      privateIp: `10.0.${k * span + (host >> 8)}.${host & 255}`,
      ...(k < 2 ? { publicIp: `54.${k}.${host >> 8}.${host & 255}` } : {}),
      ipv6: `2600:1f18:42:${k}::${host.toString(16)}`,
      securityGroupIds: [...groups],
    };
  });
  return {
    format: 'sg-lab.scenario',
    version: 1,
    name: `Large: ${formatCount(o.instances)} instances, ${formatCount(o.groups)} groups × ${o.rulesPerGroup} rules`,
    vpcs: [{ id: 'vpc-large', cidr: '10.0.0.0/16', ipv6Cidr: '2600:1f18:42::/56' }],
    subnets,
    prefixLists,
    securityGroups,
    instances,
    hosts: [{ id: 'host-internet', name: 'Internet', ip: '203.0.113.7' }],
  };
}
