/**
 * The path of a flow as data: the hops a packet crosses in order (an interface's egress, a
 * gateway or the local route, the receiver's ingress, the receiver itself), or the point where no
 * route exists. Building the path decides routing only; walking it asks each filter on the way.
 * A filter kind is a kind of hop with a case in `walk` and in `passes`: the security groups at an
 * interface, the network ACL at a subnet's boundary (request and reply), the platform's own rules.
 * A path ends with its reply: the groups' stateful answer, then the ACLs the reply crosses.
 */
import {
  formatIp,
  INTERNET_GATEWAY,
  type BlockedAt,
  type Direction,
  type Ip,
  type ReasonCode,
  type StepLocation,
  type Subnet,
  type Via,
} from '../model';
import type { Compiled, CompiledAcl, Iface } from './compiled-types';
import { interfaceAdmits, locationOf } from './check';
import { checkLeg } from './legs';
import type { GroupOverride, Packet } from './match';
import { aclAllows, checkAcl } from './nacl';
import { replyOf } from './packet';
import { respond } from './response';
import type { Trace } from './trace';

export type Hop =
  | {
      /** a security-group check at an interface, with the address the rules compare against */
      readonly kind: 'interface';
      readonly iface: Iface;
      readonly direction: Direction;
      readonly remote: Ip;
      /** the packet crossed the internet gateway: group references cannot match */
      readonly publicPath: boolean;
      /** a load balancer's node: a denial here blocks at the balancer */
      readonly stage?: 'load-balancer';
      /** an NLB's groups, which a target's rule may name for client-IP-preserved traffic */
      readonly override?: GroupOverride;
      /** the packet of this leg, when it is not the flow's (a balancer forwards to its target port) */
      readonly packet?: Packet;
    }
  | {
      /** a subnet's network ACL, crossed by the request or (reply) by its answer */
      readonly kind: 'subnet';
      readonly subnet: Subnet;
      readonly acl: CompiledAcl;
      readonly direction: Direction;
      /** the other end's address as this subnet sees it */
      readonly remote: Ip;
      readonly reply: boolean;
      readonly packet?: Packet;
    }
  | {
      /** the request was delivered: the groups let the response back (stateful, or untracked) */
      readonly kind: 'response';
    }
  | {
      /** a gateway or the VPC's local route: passes, and says how the addresses change */
      readonly kind: 'gateway';
      readonly at: string;
      /** written only when a trace is (`passes` never asks) */
      readonly explain: () => string;
      readonly where: StepLocation;
    }
  | {
      /** the platform's own rule on the way out to a public address: EC2 blocks TCP 25 */
      readonly kind: 'platform';
      readonly iface: Iface;
      readonly remote: Ip;
    }
  | {
      /** the receiver must be running to take the packet */
      readonly kind: 'receiver';
      readonly iface: Iface;
    }
  | {
      /** no route: the packet goes no further */
      readonly kind: 'no-route';
      readonly stage: BlockedAt;
      readonly at: string;
      readonly code: ReasonCode;
      readonly explanation: string;
    };

const noRoute = (at: string, code: ReasonCode, explanation: string): Hop => ({
  kind: 'no-route',
  stage: 'route',
  at,
  code,
  explanation,
});

/** Walks the hops in order: each filter records its step; after a blocker the rest is not reached. */
export function walk(c: Compiled, t: Trace, hops: readonly Hop[], pkt: Packet): void {
  for (const hop of hops) {
    switch (hop.kind) {
      case 'interface':
        // the hop carries the leg's options (public path, stage, an NLB's groups) itself
        checkLeg(c, t, hop.iface, hop.direction, hop.packet ?? pkt, hop.remote, hop);
        break;
      case 'subnet': {
        const p = aclPacket(hop, pkt);
        // an ICMP message other than an echo request has no reply to filter
        if (!p) break;
        t.add(
          checkAcl(hop.acl, hop.subnet, hop.direction, p, hop.remote, hop.reply),
          hop.reply
            ? 'nacl-response'
            : hop.direction === 'outbound'
              ? 'nacl-outbound'
              : 'nacl-inbound',
        );
        break;
      }
      case 'response':
        // an undelivered request has no reply for the groups to track; the ACLs the reply would
        // cross are still shown, not reached, so that a second blocker there is seen at once
        if (!t.denied) respond(t, pkt);
        break;
      case 'gateway':
        t.pass(hop.at, 'route', hop.explain(), undefined, hop.where);
        break;
      case 'platform':
        port25(c, t, hop.iface, hop.remote, pkt);
        break;
      case 'receiver':
        if (!hop.iface.running)
          t.deny(
            'target',
            hop.iface.id,
            'BAD_STATE',
            `${whyDown(hop.iface)}: nothing receives the packet.`,
          );
        break;
      case 'no-route':
        t.deny(hop.stage, hop.at, hop.code, hop.explanation);
        return;
    }
  }
}

/** The traffic EC2's own rule concerns: TCP 25 from an EC2 instance (to a public address). */
function smtpFromEc2(iface: Iface, pkt: Packet): boolean {
  const ec2 = iface.owner.kind === 'instance' && (iface.owner.instance.kind ?? 'ec2') === 'ec2';
  return ec2 && pkt.protocol === 6 && pkt.port === 25;
}

/** EC2 drops TCP 25 from its instances to public addresses unless the account had it lifted. */
const port25Blocked = (c: Compiled, iface: Iface, pkt: Packet): boolean =>
  smtpFromEc2(iface, pkt) && !c.scenario.ec2Port25Unblocked;

/** The packet an ACL hop judges: the leg's own, or the answer to it (null: no reply leg). */
const aclPacket = (hop: Hop & { kind: 'subnet' }, pkt: Packet): Packet | null =>
  hop.reply ? replyOf(hop.packet ?? pkt) : (hop.packet ?? pkt);

/** The platform's step, shown only for the traffic it concerns (TCP 25 from an EC2 instance). */
function port25(c: Compiled, t: Trace, iface: Iface, remote: Ip, pkt: Packet): void {
  if (!smtpFromEc2(iface, pkt)) return;
  const where = locationOf(iface, 'outbound');
  if (c.scenario.ec2Port25Unblocked) {
    t.pass(
      `${iface.id} EC2 port 25`,
      'route',
      `TCP 25 to ${formatIp(remote)}: AWS lifted EC2's block of outbound port 25 for this account (ec2Port25Unblocked).`,
      undefined,
      where,
    );
    return;
  }
  t.add(
    {
      at: `${iface.id} EC2 port 25`,
      where,
      kind: 'route',
      verdict: 'deny',
      matchedRules: [],
      code: 'EC2_PORT_25_BLOCKED',
      explanation: `EC2 blocks outbound TCP 25 (SMTP) to public addresses such as ${formatIp(remote)} on every account by default, whatever the security groups allow. AWS lifts it on request; meanwhile send on port 587 or through Amazon SES.`,
    },
    'egress',
  );
}

/**
 * Whether a packet gets through every hop, without a trace: the question the topology's badges
 * ask for many probes at once. The same hops and the same filters as `walk`.
 */
export function passes(c: Compiled, hops: readonly Hop[], pkt: Packet): boolean {
  return hops.every((hop) => {
    switch (hop.kind) {
      case 'interface':
        return interfaceAdmits(c, hop.iface, hop.direction, hop.packet ?? pkt, hop.remote, hop);
      case 'subnet': {
        const p = aclPacket(hop, pkt);
        return !p || aclAllows(hop.acl, hop.direction, p, hop.remote);
      }
      case 'response':
      case 'gateway':
        return true;
      case 'platform':
        return !port25Blocked(c, hop.iface, pkt);
      case 'receiver':
        return hop.iface.running;
      case 'no-route':
        return false;
    }
  });
}

/** Addresses on the packet at each end (scenario-format.md "Which address a flow uses"), or why none. */
function pathAddresses(s: Iface, d: Iface, via: Via): { src: Ip; dst: Ip } | Hop {
  const internet = (i: Iface, role: string): Hop | null =>
    i.subnet.public
      ? null
      : noRoute(
          i.subnet.id,
          'NO_ROUTE_TO_DESTINATION',
          `${role} ${i.name} is in ${i.subnet.id}, a private subnet with no route to an internet gateway.`,
        );
  if (via === 'private') {
    if (s.vpcId === d.vpcId) return { src: s.privateIp, dst: d.privateIp };
    return noRoute(
      d.id,
      'NO_ROUTE_TO_DESTINATION',
      `${s.name} (${s.vpcId}) and ${d.name} (${d.vpcId}) are in different VPCs; without a peering connection private addresses do not route. Use the public or IPv6 path.`,
    );
  }
  if (via === 'ipv6') {
    for (const [i, role] of [
      [s, 'The sender'],
      [d, 'The receiver'],
    ] as const)
      if (!i.ipv6)
        return noRoute(i.id, 'NO_ROUTE_TO_DESTINATION', `${role} ${i.name} has no IPv6 address.`);
    if (s.vpcId !== d.vpcId) {
      const blocked = internet(s, 'The sender') ?? internet(d, 'The receiver');
      if (blocked) return blocked;
    }
    return { src: s.ipv6 as Ip, dst: d.ipv6 as Ip };
  }
  const blocked = internet(s, 'The sender') ?? internet(d, 'The receiver');
  if (blocked) return blocked;
  for (const [i, role] of [
    [s, 'The sender'],
    [d, 'The receiver'],
  ] as const)
    if (!i.publicIp)
      return noRoute(
        i.id,
        'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS',
        `${role} ${i.name} has no public IPv4 address, so the public path through the internet gateway does not exist.`,
      );
  return { src: s.publicIp as Ip, dst: d.publicIp as Ip };
}

/** The ACL of a subnet's boundary as a hop, when the subnet has one (none: AWS's default, allow all). */
export function aclHop(
  c: Compiled,
  subnet: Subnet,
  direction: Direction,
  remote: Ip,
  reply: boolean,
  packet?: Packet,
): Hop[] {
  const acl = c.acls.get(subnet.id);
  return acl
    ? [{ kind: 'subnet', subnet, acl, direction, remote, reply, ...(packet ? { packet } : {}) }]
    : [];
}

/**
 * A packet from subnet `a` (where it is addressed to `dst`) into subnet `b` (where it comes from
 * `src`): the ACLs it crosses on the way and those its reply crosses back. Within one subnet, none,
 * unless the packet went out through the internet gateway.
 */
export function crossing(
  c: Compiled,
  a: Subnet,
  b: Subnet,
  src: Ip,
  dst: Ip,
  outAndBack: boolean,
  packet?: Packet,
): { readonly out: Hop[]; readonly into: Hop[]; readonly reply: Hop[] } {
  if (a === b && !outAndBack) return { out: [], into: [], reply: [] };
  return {
    out: aclHop(c, a, 'outbound', dst, false, packet),
    into: aclHop(c, b, 'inbound', src, false, packet),
    reply: [
      ...aclHop(c, b, 'outbound', src, true, packet),
      ...aclHop(c, a, 'inbound', dst, true, packet),
    ],
  };
}

/** Between two interfaces of the scenario, on the path the flow asks for (or its default). */
export function pathBetween(c: Compiled, s: Iface, d: Iface, via: Via): Hop[] {
  const addrs = pathAddresses(s, d, via);
  if ('kind' in addrs) return [addrs];
  const publicPath = via === 'public';
  const acls = crossing(c, s.subnet, d.subnet, addrs.src, addrs.dst, publicPath);
  return [
    { kind: 'interface', iface: s, direction: 'outbound', remote: addrs.dst, publicPath },
    // a public path goes to a public address: the platform's rules for those apply
    ...(publicPath ? [{ kind: 'platform', iface: s, remote: addrs.dst } as const] : []),
    ...acls.out,
    {
      kind: 'gateway',
      at: publicPath ? 'internet gateway' : `${s.vpcId} local route`,
      explain: () =>
        publicPath
          ? `The packet leaves through the internet gateway and comes back in: ${d.name} sees it from ${formatIp(addrs.src)}, ${s.name}'s public address.`
          : `The VPC's local route delivers ${formatIp(addrs.src)} → ${formatIp(addrs.dst)} directly.`,
      where: { kind: 'gateway', id: publicPath ? INTERNET_GATEWAY : s.vpcId },
    },
    ...acls.into,
    { kind: 'interface', iface: d, direction: 'inbound', remote: addrs.src, publicPath },
    { kind: 'receiver', iface: d },
    { kind: 'response' },
    ...acls.reply,
  ];
}

/** From an interface to an address outside every VPC: out through the internet gateway. */
export function pathToOutside(c: Compiled, s: Iface, ip: Ip, name: string): Hop[] {
  const out: Hop = {
    kind: 'interface',
    iface: s,
    direction: 'outbound',
    remote: ip,
    publicPath: true,
  };
  if (!s.subnet.public)
    return [
      out,
      noRoute(
        s.subnet.id,
        'NO_ROUTE_TO_DESTINATION',
        `${s.name} is in ${s.subnet.id}, a private subnet with no route to an internet gateway, so ${name} is unreachable.`,
      ),
    ];
  if (ip.family === 4 && !s.publicIp)
    return [
      out,
      noRoute(
        s.id,
        'NO_ROUTE_TO_DESTINATION',
        `${s.name} has no public IPv4 address, so its packets cannot reach the internet (SG Lab models no NAT gateway).`,
      ),
    ];
  if (ip.family === 6 && !s.ipv6)
    return [
      out,
      noRoute(
        s.id,
        'NO_ROUTE_TO_DESTINATION',
        `${s.name} has no IPv6 address, so it cannot reach ${formatIp(ip)}.`,
      ),
    ];
  const own = ip.family === 4 ? (s.publicIp as Ip) : (s.ipv6 as Ip);
  return [
    out,
    { kind: 'platform', iface: s, remote: ip },
    ...aclHop(c, s.subnet, 'outbound', ip, false),
    {
      kind: 'gateway',
      at: 'internet gateway',
      explain: () =>
        `The packet leaves through the internet gateway as ${formatIp(own)} → ${formatIp(ip)}; nothing outside the VPC is filtered by security groups.`,
      where: { kind: 'gateway', id: INTERNET_GATEWAY, direction: 'outbound' },
    },
    { kind: 'response' },
    ...aclHop(c, s.subnet, 'inbound', ip, true),
  ];
}

/** From an address outside every VPC to an interface: in through the internet gateway. */
export function pathFromOutside(c: Compiled, ip: Ip, name: string, d: Iface, via: Via): Hop[] {
  const fail = (code: ReasonCode, why: string) => [noRoute(d.id, code, why)];
  if (via === 'private')
    return fail(
      'NO_ROUTE_TO_DESTINATION',
      `${name} is outside the VPC: it cannot reach ${d.name}'s private address.`,
    );
  if (via === 'ipv6' && ip.family !== 6)
    return fail('NO_ROUTE_TO_DESTINATION', `${name} has no IPv6 address (${formatIp(ip)}).`);
  if (via === 'public' && ip.family !== 4)
    return fail('NO_ROUTE_TO_DESTINATION', `${name} has an IPv6 address: send over IPv6.`);
  if (!d.subnet.public)
    return fail(
      'NO_ROUTE_TO_DESTINATION',
      `${d.name} is in ${d.subnet.id}, a private subnet: the internet gateway has no route to it.`,
    );
  if (via === 'ipv6' && !d.ipv6)
    return fail('NO_ROUTE_TO_DESTINATION', `${d.name} has no IPv6 address.`);
  if (via === 'public' && !d.publicIp)
    return fail(
      'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS',
      `${d.name} has no public IPv4 address, so the internet gateway has nothing to translate to its private address.`,
    );
  const dst = via === 'ipv6' ? (d.ipv6 as Ip) : (d.publicIp as Ip);
  return [
    {
      kind: 'gateway',
      at: 'internet gateway',
      explain: () =>
        via === 'ipv6'
          ? `The packet from ${formatIp(ip)} enters through the internet gateway to ${formatIp(dst)}.`
          : `The internet gateway translates ${formatIp(dst)} to ${d.name}'s private address ${formatIp(d.privateIp)}; the source stays ${formatIp(ip)}.`,
      where: { kind: 'gateway', id: INTERNET_GATEWAY, direction: 'inbound' },
    },
    ...aclHop(c, d.subnet, 'inbound', ip, false),
    { kind: 'interface', iface: d, direction: 'inbound', remote: ip, publicPath: true },
    { kind: 'receiver', iface: d },
    { kind: 'response' },
    ...aclHop(c, d.subnet, 'outbound', ip, true),
  ];
}

/** Why an interface is not running: stopped, or its whole zone is down. */
export const whyDown = (iface: Iface): string =>
  iface.zoneDown
    ? `${iface.name} is in ${iface.subnet.availabilityZone}, a zone that is down`
    : `${iface.name} is stopped`;
