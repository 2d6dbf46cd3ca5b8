/**
 * Network ACLs as AWS accepts them (aws-semantics.md §9): rule numbers 1–32766, unique per ACL
 * and direction; one CIDR per entry; ports for TCP and UDP, type and code for ICMP; a subnet in
 * one ACL only, of its own VPC; at most one default ACL per VPC.
 */
import { parseCidr } from './cidr';
import { error, notice, warning, type Issue } from './issue';
import { normaliseProtocol, portModel, protocolNumber } from './protocol';
import type { Direction, NaclEntry, NetworkAcl, Scenario } from './types';

/** AWS's default quota of entries per direction (adjustable to 40). */
export const NACL_ENTRY_QUOTA = 20;

export function validateNaclEntry(e: NaclEntry, path: string): Issue[] {
  const issues: Issue[] = [];
  if (!Number.isInteger(e.ruleNumber) || e.ruleNumber < 1 || e.ruleNumber > 32766)
    issues.push(
      error(
        'InvalidParameterValue',
        `${path}.ruleNumber`,
        `Rule numbers are 1 to 32766 (32767 and 32768 are the final * entries); ${e.ruleNumber} is not.`,
      ),
    );
  const protocol = normaliseProtocol(e.protocol);
  if (protocolNumber(protocol) === null)
    issues.push(
      error('InvalidParameterValue', `${path}.protocol`, `"${e.protocol}" is not a protocol.`),
    );
  const peers = [e.cidrIpv4, e.cidrIpv6].filter((c) => c !== undefined);
  if (peers.length !== 1)
    issues.push(
      error(
        'MissingParameter',
        path,
        peers.length === 0
          ? 'A network ACL entry needs one CIDR block (cidrIpv4 or cidrIpv6).'
          : 'A network ACL entry has one CIDR block, IPv4 or IPv6, not both.',
      ),
    );
  for (const [field, family] of [
    ['cidrIpv4', 4],
    ['cidrIpv6', 6],
  ] as const) {
    const text = e[field];
    if (text === undefined) continue;
    const r = parseCidr(text, family);
    if (!r.ok)
      issues.push(error('InvalidParameterValue', `${path}.${field}`, r.message, r.suggestion));
    else if (r.hostBitsSet)
      issues.push(
        notice(
          'CidrHostBitsSet',
          `${path}.${field}`,
          `${text} has host bits set: AWS will use ${r.canonical}.`,
          r.canonical,
        ),
      );
  }
  const model = portModel(protocol);
  if (model === 'ports') {
    const { fromPort: from, toPort: to } = e;
    if (from === undefined || to === undefined)
      issues.push(
        error(
          'MissingParameter',
          `${path}.fromPort`,
          'A TCP or UDP entry needs a port range (fromPort and toPort).',
        ),
      );
    else if (from < 0 || to > 65535 || from > to)
      issues.push(
        error(
          'InvalidParameterValue',
          `${path}.fromPort`,
          `Ports are 0 to 65535, the first not above the last; ${from}-${to} is not.`,
        ),
      );
  } else if (model === 'icmp') {
    for (const field of ['icmpType', 'icmpCode'] as const) {
      const v = e[field];
      if (v === undefined)
        issues.push(
          error(
            'MissingParameter',
            `${path}.${field}`,
            `An ICMP entry needs ${field === 'icmpType' ? 'a type' : 'a code'} (-1 for all).`,
          ),
        );
      else if (v < -1 || v > 255)
        issues.push(
          error(
            'InvalidParameterValue',
            `${path}.${field}`,
            `ICMP ${field === 'icmpType' ? 'types' : 'codes'} are -1 (all) to 255; ${v} is not.`,
          ),
        );
    }
  }
  return issues;
}

/**
 * An entry as it would stand in one direction of an ACL (in place of the entry numbered
 * `replacing`, when it is edited): its own issues, and a rule number already taken.
 */
export function naclEntryIssues(
  acl: NetworkAcl,
  direction: Direction,
  entry: NaclEntry,
  path: string,
  replacing?: number,
): Issue[] {
  const issues = validateNaclEntry(entry, path);
  if (
    entry.ruleNumber !== replacing &&
    acl[direction].some((e) => e.ruleNumber === entry.ruleNumber)
  )
    issues.push(
      error(
        'NetworkAclEntryAlreadyExists',
        `${path}.ruleNumber`,
        `${acl.id} already has ${direction} rule ${entry.ruleNumber}: rule numbers are unique in each direction.`,
      ),
    );
  return issues;
}

export function validateNetworkAcls(s: Scenario): Issue[] {
  const issues: Issue[] = [];
  const vpcs = new Set(s.vpcs.map((v) => v.id));
  const subnets = new Map(s.subnets.map((sn) => [sn.id, sn]));
  const inAcl = new Map<string, string>();
  const defaults = new Map<string, string>();
  (s.networkAcls ?? []).forEach((acl, i) => {
    const path = `networkAcls[${i}]`;
    if (!vpcs.has(acl.vpcId))
      issues.push(
        error('InvalidVpcID.NotFound', `${path}.vpcId`, `The VPC '${acl.vpcId}' does not exist.`),
      );
    if (acl.isDefault) {
      const other = defaults.get(acl.vpcId);
      if (other)
        issues.push(
          error(
            'InvalidParameterValue',
            `${path}.isDefault`,
            `${acl.vpcId} already has a default network ACL, ${other}.`,
          ),
        );
      else defaults.set(acl.vpcId, acl.id);
    }
    acl.subnetIds.forEach((id, j) => {
      const at = `${path}.subnetIds[${j}]`;
      const sn = subnets.get(id);
      if (!sn)
        return void issues.push(
          error('InvalidSubnetID.NotFound', at, `The subnet '${id}' does not exist.`),
        );
      if (sn.vpcId !== acl.vpcId)
        issues.push(
          error(
            'InvalidParameterValue',
            at,
            `${id} is in ${sn.vpcId}, not in ${acl.vpcId}: an ACL serves subnets of its own VPC.`,
          ),
        );
      const other = inAcl.get(id);
      if (other)
        issues.push(
          error(
            'InvalidParameterValue',
            at,
            `${id} is already associated with ${other}: a subnet has exactly one network ACL.`,
          ),
        );
      else inAcl.set(id, acl.id);
    });
    for (const direction of ['inbound', 'outbound'] as const) {
      const numbers = new Set<number>();
      const entries = acl[direction];
      entries.forEach((e, k) => {
        const at = `${path}.${direction}[${k}]`;
        issues.push(...validateNaclEntry(e, at));
        if (numbers.has(e.ruleNumber))
          issues.push(
            error(
              'NetworkAclEntryAlreadyExists',
              `${at}.ruleNumber`,
              `${acl.id} already has ${direction} rule ${e.ruleNumber}: rule numbers are unique in each direction.`,
            ),
          );
        numbers.add(e.ruleNumber);
      });
      if (entries.length > NACL_ENTRY_QUOTA)
        issues.push(
          warning(
            'NetworkAclEntryLimitExceeded',
            `${path}.${direction}`,
            `${acl.id} has ${entries.length} ${direction} entries; AWS allows ${NACL_ENTRY_QUOTA} by default (40 after a quota increase).`,
          ),
        );
    }
  });
  return issues;
}
