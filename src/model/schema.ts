/** The scenario document's shape as data, checked by `checkShape` with a JSON path per problem. */

import { formatCount } from './format-count';

export type Spec =
  | { readonly t: 'string'; readonly max: number }
  | { readonly t: 'integer' | 'boolean' }
  | { readonly t: 'enum'; readonly values: readonly string[] }
  | { readonly t: 'literal'; readonly value: string | number }
  | { readonly t: 'array'; readonly of: Spec; readonly max: number }
  | { readonly t: 'object'; readonly fields: Readonly<Record<string, Field>> };

export interface Field {
  readonly spec: Spec;
  readonly optional?: boolean;
}

const req = (spec: Spec): Field => ({ spec });
const opt = (spec: Spec): Field => ({ spec, optional: true });
/**
 * Limits on what a document may hold: a link or a file is a stranger's data, and past these a
 * tab would freeze instead of saying why. Each is far above AWS's own quotas, so no real account
 * meets them (a /16 VPC holds ~65,000 interfaces; a group at most 1,000 rules a direction).
 */
export const LIMITS = {
  /** ids, names, CIDRs, protocols */
  shortText: 1_000,
  /** descriptions and notes */
  longText: 10_000,
  vpcs: 1_000,
  subnets: 20_000,
  prefixLists: 1_000,
  prefixListEntries: 5_000,
  securityGroups: 20_000,
  rulesPerDirection: 1_000,
  /** every rule of every group together */
  rules: 500_000,
  instances: 100_000,
  groupsPerInstance: 16,
  loadBalancers: 1_000,
  listeners: 50,
  targets: 1_000,
  hosts: 10_000,
  expectations: 10_000,
  networkAcls: 5_000,
  /** AWS allows 20 a direction by default, 40 at most: far above that, a stranger's data */
  naclEntriesPerDirection: 1_000,
} as const;

const str: Spec = { t: 'string', max: LIMITS.shortText };
const text: Spec = { t: 'string', max: LIMITS.longText };
const int: Spec = { t: 'integer' };
const bool: Spec = { t: 'boolean' };
const oneOf = (...values: string[]): Spec => ({ t: 'enum', values });
const list = (of: Spec, max: number): Spec => ({ t: 'array', of, max });
const obj = (fields: Record<string, Field>): Spec => ({ t: 'object', fields });

const RULE = obj({
  id: opt(str),
  protocol: req(str),
  fromPort: opt(int),
  toPort: opt(int),
  cidrIpv4: opt(str),
  cidrIpv6: opt(str),
  referencedGroupId: opt(str),
  prefixListId: opt(str),
  description: opt(text),
});

const FLOW_FIELDS: Record<string, Field> = {
  from: req(str),
  to: req(str),
  protocol: req(str),
  port: opt(int),
  icmpType: opt(int),
  icmpCode: opt(int),
  via: opt(oneOf('private', 'public', 'ipv6')),
  sourcePort: opt(int),
};

const NACL_ENTRY = obj({
  ruleNumber: req(int),
  action: req(oneOf('allow', 'deny')),
  protocol: req(str),
  fromPort: opt(int),
  toPort: opt(int),
  icmpType: opt(int),
  icmpCode: opt(int),
  cidrIpv4: opt(str),
  cidrIpv6: opt(str),
});

const EXPECTATION = obj({
  id: opt(str),
  ...FLOW_FIELDS,
  expect: req(oneOf('allow', 'deny')),
  note: opt(text),
});

export const SCENARIO_SPEC = obj({
  format: req({ t: 'literal', value: 'sg-lab.scenario' }),
  version: req({ t: 'literal', value: 1 }),
  name: req(str),
  description: opt(text),
  vpcs: req(
    list(obj({ id: req(str), name: opt(str), cidr: req(str), ipv6Cidr: opt(str) }), LIMITS.vpcs),
  ),
  subnets: req(
    list(
      obj({
        id: req(str),
        name: opt(str),
        vpcId: req(str),
        availabilityZone: req(str),
        cidr: req(str),
        ipv6Cidr: opt(str),
        public: opt(bool),
      }),
      LIMITS.subnets,
    ),
  ),
  prefixLists: opt(
    list(
      obj({
        id: req(str),
        name: req(str),
        addressFamily: req(oneOf('IPv4', 'IPv6')),
        entries: req(
          list(obj({ cidr: req(str), description: opt(text) }), LIMITS.prefixListEntries),
        ),
        maxEntries: opt(int),
      }),
      LIMITS.prefixLists,
    ),
  ),
  securityGroups: req(
    list(
      obj({
        id: req(str),
        name: req(str),
        description: req(text),
        vpcId: req(str),
        inbound: req(list(RULE, LIMITS.rulesPerDirection)),
        outbound: req(list(RULE, LIMITS.rulesPerDirection)),
      }),
      LIMITS.securityGroups,
    ),
  ),
  instances: req(
    list(
      obj({
        id: req(str),
        name: opt(str),
        subnetId: req(str),
        privateIp: req(str),
        publicIp: opt(str),
        ipv6: opt(str),
        securityGroupIds: req(list(str, LIMITS.groupsPerInstance)),
        state: opt(oneOf('running', 'stopped')),
        kind: opt(str),
      }),
      LIMITS.instances,
    ),
  ),
  loadBalancers: opt(
    list(
      obj({
        id: req(str),
        name: req(str),
        type: req(oneOf('application', 'network')),
        scheme: req(oneOf('internet-facing', 'internal')),
        subnetIds: req(list(str, LIMITS.subnets)),
        securityGroupIds: req(list(str, LIMITS.groupsPerInstance)),
        listeners: req(
          list(obj({ protocol: req(str), port: req(int), targetPort: req(int) }), LIMITS.listeners),
        ),
        targetInstanceIds: req(list(str, LIMITS.targets)),
        healthCheck: opt(obj({ protocol: req(str), port: req(int) })),
        crossZone: opt(bool),
      }),
      LIMITS.loadBalancers,
    ),
  ),
  hosts: opt(list(obj({ id: req(str), name: req(str), ip: req(str) }), LIMITS.hosts)),
  expectations: opt(list(EXPECTATION, LIMITS.expectations)),
  ec2Port25Unblocked: opt(bool),
  unavailableZones: opt(list(str, LIMITS.subnets)),
  networkAcls: opt(
    list(
      obj({
        id: req(str),
        name: opt(str),
        vpcId: req(str),
        isDefault: opt(bool),
        subnetIds: req(list(str, LIMITS.subnets)),
        inbound: req(list(NACL_ENTRY, LIMITS.naclEntriesPerDirection)),
        outbound: req(list(NACL_ENTRY, LIMITS.naclEntriesPerDirection)),
      }),
      LIMITS.networkAcls,
    ),
  ),
});

/** A flow sent in the simulator: an expectation without `expect` (which it may still carry). */
export const FLOW_SPEC = obj({
  ...FLOW_FIELDS,
  expect: opt(oneOf('allow', 'deny')),
});

const kindOf = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'an array'
      : typeof v === 'object'
        ? 'an object'
        : `a ${typeof v}`;

/** Every mismatch between `value` and `spec`, as [path, message]. Unknown fields are kept, not reported. */
export function checkShape(
  value: unknown,
  spec: Spec,
  path: string,
  out: [string, string][],
): void {
  switch (spec.t) {
    case 'string':
      if (typeof value !== 'string') out.push([path, `must be a string, not ${kindOf(value)}`]);
      else if (value.length > spec.max)
        out.push([
          path,
          `is ${formatCount(value.length)} characters long; SG Lab reads at most ${formatCount(spec.max)}`,
        ]);
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value))
        out.push([
          path,
          `must be a whole number, not ${kindOf(value)}${typeof value === 'number' ? ` (${value})` : ''}`,
        ]);
      return;
    case 'boolean':
      if (typeof value !== 'boolean')
        out.push([path, `must be true or false, not ${kindOf(value)}`]);
      return;
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value))
        out.push([path, `must be one of ${spec.values.map((v) => `"${v}"`).join(', ')}`]);
      return;
    case 'literal':
      if (value !== spec.value) out.push([path, `must be ${JSON.stringify(spec.value)}`]);
      return;
    case 'array':
      if (!Array.isArray(value)) out.push([path, `must be an array, not ${kindOf(value)}`]);
      // past the limit its items are not even looked at: that is what would freeze the tab
      else if (value.length > spec.max)
        out.push([
          path,
          `has ${formatCount(value.length)} items; SG Lab opens at most ${formatCount(spec.max)}`,
        ]);
      else value.forEach((item, i) => checkShape(item, spec.of, `${path}[${i}]`, out));
      return;
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        out.push([path, `must be an object, not ${kindOf(value)}`]);
        return;
      }
      const record = value as Record<string, unknown>;
      for (const [key, field] of Object.entries(spec.fields)) {
        const at = path ? `${path}.${key}` : key;
        if (record[key] === undefined) {
          if (!field.optional) out.push([at, 'is required']);
        } else checkShape(record[key], field.spec, at, out);
      }
    }
  }
}
