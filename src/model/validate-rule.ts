/** One rule's own validity, as the EC2 API checks it on AuthorizeSecurityGroup* (aws-semantics.md §7.1). */
import { parseCidr, type Cidr, type Family } from './cidr';
import { error, notice, warning, type Issue } from './issue';
import { normaliseProtocol, portModel, protocolNumber, protocolNumberOf } from './protocol';
import { peerFieldsSet, peerOf } from './rule';
import type { Direction, Rule } from './types';

const DESCRIPTION_CHARS = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;
const MAX_DESCRIPTION = 255;

export function validateRule(rule: Rule, direction: Direction, path: string): Issue[] {
  return [
    ...validateProtocolAndPorts(rule, path),
    ...validatePeer(rule, direction, path),
    ...validateDescription(rule, path),
  ];
}

const isPort = (v: number): boolean => Number.isInteger(v) && v >= 0 && v <= 65535;
const isIcmpField = (v: number): boolean => Number.isInteger(v) && v >= -1 && v <= 255;

/** What compiling a rule needs, read from it once. */
export interface RuleParts {
  readonly protocol: number;
  readonly fromPort: number | undefined;
  readonly toPort: number | undefined;
  readonly peer:
    | { readonly kind: 'cidr'; readonly cidr: Cidr; readonly text: string }
    | { readonly kind: 'group'; readonly groupId: string }
    | { readonly kind: 'prefix-list'; readonly id: string };
}

/**
 * The rule's parts when validateRule finds no error (warnings and notices aside), else null —
 * without writing a message: the compiler asks this of every rule, and an account holds tens of
 * thousands, in many shapes (each field is read once).
 */
export function ruleParts(rule: Rule): RuleParts | null {
  const { protocol: p, fromPort: a, toPort: b, description: d } = rule;
  const { cidrIpv4, cidrIpv6, referencedGroupId: sg, prefixListId: pl } = rule;
  const n = protocolNumberOf(p);
  if (n === null) return null;
  if (n === 6 || n === 17) {
    if (a === undefined || b === undefined || !isPort(a) || !isPort(b) || a > b) return null;
  } else if ((n === 1 || n === 58) && !(n === 58 && a === undefined && b === undefined)) {
    if (a === undefined || b === undefined || !isIcmpField(a) || !isIcmpField(b)) return null;
    if (a === -1 && b !== -1) return null;
  }
  const peers =
    (cidrIpv4 !== undefined ? 1 : 0) +
    (cidrIpv6 !== undefined ? 1 : 0) +
    (sg !== undefined ? 1 : 0) +
    (pl !== undefined ? 1 : 0);
  if (peers !== 1) return null;
  if (d !== undefined && (d.length > MAX_DESCRIPTION || !DESCRIPTION_CHARS.test(d))) return null;
  let peer: RuleParts['peer'];
  if (sg !== undefined) {
    if (!/^sg-\S+$/.test(sg)) return null;
    peer = { kind: 'group', groupId: sg };
  } else if (pl !== undefined) {
    if (!/^pl-\S+$/.test(pl)) return null;
    peer = { kind: 'prefix-list', id: pl };
  } else {
    const parsed = parseCidr((cidrIpv4 ?? cidrIpv6) as string, cidrIpv4 !== undefined ? 4 : 6);
    if (!parsed.ok) return null;
    peer = { kind: 'cidr', cidr: parsed.cidr, text: parsed.canonical };
  }
  return { protocol: n, fromPort: a, toPort: b, peer };
}

/** Whether validateRule finds no error (warnings and notices aside). */
export const ruleIsValid = (rule: Rule): boolean => ruleParts(rule) !== null;

function validateProtocolAndPorts(rule: Rule, path: string): Issue[] {
  const protocol = normaliseProtocol(rule.protocol);
  if (protocolNumber(protocol) === null) {
    const hint =
      rule.protocol.toLowerCase() === 'all'
        ? ' Use -1 for all protocols.'
        : ' Use tcp, udp, icmp, icmpv6, -1 (all) or a protocol number from 0 to 255 (ESP is 50, AH 51).';
    return [
      error(
        'InvalidParameterValue',
        `${path}.protocol`,
        `Invalid value '${rule.protocol}' for IP protocol. Unknown protocol.${hint}`,
      ),
    ];
  }
  const model = portModel(protocol);
  if (model === 'ports') return validatePorts(rule, protocol.toUpperCase(), path);
  if (model === 'icmp') return validateIcmp(rule, protocol as 'icmp' | 'icmpv6', path);
  const given = [rule.fromPort, rule.toPort].some((p) => p !== undefined && p !== -1);
  return given
    ? [
        notice(
          'PortsIgnored',
          `${path}.fromPort`,
          `Ports do not apply to protocol ${protocol === '-1' ? 'all (-1)' : protocol}: AWS ignores them and the rule covers every port.`,
        ),
      ]
    : [];
}

function validatePorts(rule: Rule, name: string, path: string): Issue[] {
  const { fromPort, toPort } = rule;
  if (fromPort === undefined || toPort === undefined) {
    return [
      error(
        'InvalidParameterValue',
        `${path}.${fromPort === undefined ? 'fromPort' : 'toPort'}`,
        `${name} rules need a port or a range (22, or 7000-8000): AWS says "Must specify both from and to ports with TCP/UDP."`,
      ),
    ];
  }
  const issues: Issue[] = [];
  const bad = (v: number) => !Number.isInteger(v) || v < 0 || v > 65535;
  // one port typed is stored as from = to: one message, not one per end
  if (fromPort === toPort && bad(fromPort))
    return [
      error(
        'InvalidParameterValue',
        `${path}.fromPort`,
        `Port ${fromPort} is out of range: ports are whole numbers from 0 to 65535.`,
      ),
    ];
  for (const [field, value, which] of [
    ['fromPort', fromPort, 'from'],
    ['toPort', toPort, 'to'],
  ] as const) {
    if (bad(value)) {
      issues.push(
        error(
          'InvalidParameterValue',
          `${path}.${field}`,
          `TCP/UDP (${which}) port (${value}) out of range: ports are whole numbers from 0 to 65535.`,
        ),
      );
    }
  }
  if (issues.length === 0 && fromPort > toPort) {
    issues.push(
      error(
        'InvalidParameterValue',
        `${path}.toPort`,
        `The port range ${fromPort}-${toPort} is reversed: the first port must not be greater than the last.`,
        `${toPort}-${fromPort}`,
      ),
    );
  }
  return issues;
}

function validateIcmp(rule: Rule, protocol: 'icmp' | 'icmpv6', path: string): Issue[] {
  const { fromPort: type, toPort: code } = rule;
  const label = protocol === 'icmp' ? 'ICMP' : 'ICMPv6';
  if (type === undefined && code === undefined && protocol === 'icmpv6') return [];
  if (type === undefined || code === undefined) {
    return [
      error(
        'InvalidParameterValue',
        `${path}.${type === undefined ? 'fromPort' : 'toPort'}`,
        `${label} rules need a type and a code (-1 for all): AWS says "Must specify both from and to ports with ICMP."`,
      ),
    ];
  }
  const issues: Issue[] = [];
  for (const [field, value, what] of [
    ['fromPort', type, 'type'],
    ['toPort', code, 'code'],
  ] as const) {
    if (!Number.isInteger(value) || value < -1 || value > 255) {
      issues.push(
        error(
          'InvalidParameterValue',
          `${path}.${field}`,
          `${label} ${what} (${value}) out of range: use -1 (all) or 0 to 255.`,
        ),
      );
    }
  }
  if (issues.length > 0) return issues;
  if (type === -1 && code !== -1) {
    issues.push(
      error(
        'InvalidParameterValue',
        `${path}.toPort`,
        `With all ${label} types (-1), the code must be -1 too.`,
        '-1',
      ),
    );
  }
  const echo = protocol === 'icmp' ? 8 : 128;
  if (type === echo && code === echo) {
    issues.push(
      warning(
        'IcmpCodeLooksLikeType',
        `${path}.toPort`,
        `This rule allows Echo Request with code ${code}, which ping never sends: the second number is the ICMP code, not the type. Use -1 for any code.`,
        '-1',
      ),
    );
  }
  return issues;
}

function validatePeer(rule: Rule, direction: Direction, path: string): Issue[] {
  const what = direction === 'inbound' ? 'source' : 'destination';
  const set = peerFieldsSet(rule);
  if (set.length === 0) {
    return [
      error(
        'MissingParameter',
        `${path}.peer`,
        `The rule needs a ${what}: a CIDR block, a security group or a prefix list.`,
      ),
    ];
  }
  if (set.length > 1) {
    return [
      error(
        'InvalidParameterCombination',
        `${path}.peer`,
        `A rule has exactly one ${what}; this one has ${set.length} (${set.join(', ')}).`,
      ),
    ];
  }
  const peer = peerOf(rule);
  if (!peer) return [];
  const at = `${path}.${peer.kind}`;
  if (peer.kind === 'referencedGroupId') {
    return /^sg-\S+$/.test(peer.value)
      ? []
      : [error('InvalidGroupId.Malformed', at, `Invalid id: "${peer.value}" (expecting "sg-...")`)];
  }
  if (peer.kind === 'prefixListId') {
    return /^pl-\S+$/.test(peer.value)
      ? []
      : [
          error(
            'InvalidPrefixListId.Malformed',
            at,
            `Invalid id: "${peer.value}" (expecting "pl-...")`,
          ),
        ];
  }
  const family: Family = peer.kind === 'cidrIpv4' ? 4 : 6;
  const parsed = parseCidr(peer.value, family);
  const issues: Issue[] = [];
  if (!parsed.ok) {
    issues.push(error('InvalidParameterValue', at, parsed.message, parsed.suggestion));
    return issues;
  }
  if (parsed.hostBitsSet) {
    issues.push(
      notice(
        'CidrHostBitsSet',
        at,
        `${peer.value} has host bits set: AWS will store ${parsed.canonical}.`,
        parsed.canonical,
      ),
    );
  }
  const protocol = normaliseProtocol(rule.protocol);
  if (protocol === 'icmp' && family === 6) {
    issues.push(
      warning(
        'IcmpFamilyMismatch',
        `${path}.protocol`,
        'ICMP (IPv4) never matches IPv6 traffic: for ping6 over IPv6 use ICMPv6.',
      ),
    );
  }
  if (protocol === 'icmpv6' && family === 4) {
    issues.push(
      warning(
        'IcmpFamilyMismatch',
        `${path}.protocol`,
        'ICMPv6 never matches IPv4 traffic: for ping over IPv4 use ICMP.',
      ),
    );
  }
  return issues;
}

function validateDescription(rule: Rule, path: string): Issue[] {
  const d = rule.description;
  if (d === undefined || d === '') return [];
  const at = `${path}.description`;
  if (d.length > MAX_DESCRIPTION) {
    return [
      error(
        'InvalidParameterValue',
        at,
        `The description is ${d.length} characters long; AWS allows at most ${MAX_DESCRIPTION}.`,
      ),
    ];
  }
  if (!DESCRIPTION_CHARS.test(d)) {
    const bad = [...new Set([...d].filter((c) => !DESCRIPTION_CHARS.test(c)))].join(' ');
    return [
      error(
        'InvalidParameterValue',
        at,
        `The description has characters AWS does not allow (${bad}): use letters, digits, spaces and . _ - : / ( ) # , @ [ ] + = & ; { } ! $ *`,
      ),
    ];
  }
  if (
    d.includes('&') &&
    (rule.referencedGroupId !== undefined || rule.prefixListId !== undefined)
  ) {
    return [
      warning(
        'DescriptionAmpersand',
        at,
        'AWS documents "&" as allowed only for CIDR rules; it may be refused for a group or prefix-list rule.',
      ),
    ];
  }
  return [];
}
