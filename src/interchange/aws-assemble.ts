/**
 * The last step of every importer (AWS outputs, Terraform): what the imported resources refer to
 * but the files do not hold (a VPC, a group, a prefix list) is added as a placeholder and named in
 * a note, and the result is a scenario that parses.
 */
import {
  formatIpv4,
  parseCidr,
  parseScenario,
  SCENARIO_FORMAT,
  SCENARIO_VERSION,
  type Instance,
  type LoadBalancer,
  type NetworkAcl,
  type PrefixList,
  type SecurityGroup,
  type Subnet,
  type Vpc,
} from '../model';
import type { AwsImport, ImportNote } from './aws-import';

export interface ImportedParts {
  readonly vpcs: Map<string, Vpc>;
  readonly subnets: Map<string, Subnet>;
  readonly groups: Map<string, SecurityGroup>;
  readonly instances: readonly Instance[];
  readonly loadBalancers: readonly LoadBalancer[];
  readonly prefixLists: PrefixList[];
  readonly networkAcls?: readonly NetworkAcl[];
}

/** The smallest IPv4 block holding all of `cidrs` (a VPC known only by its subnets). */
function coveringBlock(cidrs: readonly string[]): string | null {
  const ranges = cidrs.map((c) => parseCidr(c, 4)).flatMap((r) => (r.ok ? [r.cidr] : []));
  if (ranges.length === 0) return null;
  const lo = Math.min(...ranges.map((r) => r.lo as number));
  const hi = Math.max(...ranges.map((r) => r.hi as number));
  let prefix = 32;
  while (prefix > 0 && lo >>> (32 - prefix) !== hi >>> (32 - prefix)) prefix--;
  const base = prefix === 0 ? 0 : (lo >>> (32 - prefix)) << (32 - prefix);
  return `${formatIpv4(base >>> 0)}/${prefix}`;
}

type Source = 'aws' | 'terraform';

/** How the user can bring what is missing, in the words of the tool they used. */
const HINTS: Record<Source, { vpc: string; group: string; prefixList: string }> = {
  aws: {
    vpc: 'add describe-vpcs to know it',
    group: 'add its describe-security-groups output to know them',
    prefixList: 'add describe-managed-prefix-lists and its entries',
  },
  terraform: {
    vpc: 'it is managed outside this configuration; import it into SG Lab from describe-vpcs, or edit it',
    group: 'it is managed outside this configuration: add its rules in the editor',
    prefixList: 'it is managed outside this configuration: add its entries in the editor',
  },
};

export function assemble(
  parts: ImportedParts,
  about: { readonly name: string; readonly description: string; readonly source: Source },
  notes: ImportNote[],
): AwsImport {
  const { vpcs, subnets, groups, instances, loadBalancers, prefixLists } = parts;
  const networkAcls = parts.networkAcls ?? [];
  const note = (file: string, message: string) => void notes.push({ file, message });
  // a VPC known only from its subnets, groups or instances gets a block that holds its subnets
  const vpcIds = new Set([
    ...[...subnets.values()].map((s) => s.vpcId),
    ...[...groups.values()].map((g) => g.vpcId).filter(Boolean),
    ...networkAcls.map((a) => a.vpcId),
  ]);
  for (const vpcId of vpcIds) {
    if (vpcs.has(vpcId)) continue;
    const block =
      coveringBlock([...subnets.values()].filter((s) => s.vpcId === vpcId).map((s) => s.cidr)) ??
      '10.0.0.0/16';
    vpcs.set(vpcId, { id: vpcId, cidr: block });
    note(
      '(vpcs)',
      `${vpcId} is not in the files: its block is assumed to be ${block}; ${HINTS[about.source].vpc}.`,
    );
  }

  // groups named by rules or instances but not in the files: empty, so they match nothing
  const wanted = new Map<string, string>();
  for (const g of groups.values())
    for (const r of [...g.inbound, ...g.outbound])
      if (r.referencedGroupId) wanted.set(r.referencedGroupId, g.vpcId);
  for (const i of instances)
    for (const g of i.securityGroupIds) wanted.set(g, subnets.get(i.subnetId)?.vpcId ?? '');
  for (const lb of loadBalancers)
    for (const g of lb.securityGroupIds)
      wanted.set(g, subnets.get(lb.subnetIds[0] ?? '')?.vpcId ?? '');
  for (const [id, vpcId] of wanted) {
    if (groups.has(id)) continue;
    groups.set(id, {
      id,
      name: id,
      description: 'Not in the imported files',
      vpcId,
      inbound: [],
      outbound: [],
    });
    note(
      '(groups)',
      `${id} is referenced but not in the files: added with no rules (${HINTS[about.source].group}).`,
    );
  }
  for (const g of groups.values())
    if (!g.vpcId || !vpcs.has(g.vpcId)) {
      const vpcId = g.vpcId || 'vpc-imported';
      if (!vpcs.has(vpcId)) vpcs.set(vpcId, { id: vpcId, cidr: '10.0.0.0/16' });
      groups.set(g.id, { ...g, vpcId });
      if (!g.vpcId) note('(groups)', `${g.id} has no VPC in the files: placed in ${vpcId}.`);
    }

  // prefix lists named by rules but not in the files: empty, so they match nothing
  for (const g of groups.values())
    for (const r of [...g.inbound, ...g.outbound]) {
      const id = r.prefixListId;
      if (!id || prefixLists.some((p) => p.id === id)) continue;
      prefixLists.push({ id, name: id, addressFamily: r.cidrIpv6 ? 'IPv6' : 'IPv4', entries: [] });
      note(
        '(prefix lists)',
        `${id} is referenced but not in the files: added with no entries (${HINTS[about.source].prefixList}).`,
      );
    }
  if (
    groups.size === 0 &&
    instances.length === 0 &&
    subnets.size === 0 &&
    !loadBalancers.length &&
    !networkAcls.length
  )
    return {
      ok: false,
      notes: [
        ...notes,
        {
          file: '(all)',
          message: 'nothing to import: no security groups, instances or subnets were read.',
        },
      ],
    };

  const doc = {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    name: about.name,
    description: about.description,
    vpcs: [...vpcs.values()],
    subnets: [...subnets.values()],
    ...(prefixLists.length ? { prefixLists } : {}),
    securityGroups: [...groups.values()],
    instances,
    ...(loadBalancers.length ? { loadBalancers } : {}),
    ...(networkAcls.length ? { networkAcls } : {}),
    hosts: [{ id: 'host-internet', name: 'Internet', ip: '203.0.113.7' }],
  };
  const parsed = parseScenario(doc);
  if (!parsed.ok)
    return {
      ok: false,
      notes: [
        ...notes,
        ...parsed.issues.map((i) => ({ file: '(scenario)', message: `${i.path}: ${i.message}` })),
      ],
    };
  for (const i of parsed.issues.filter((x) => x.severity === 'error').slice(0, 50))
    note('(scenario)', `${i.path}: ${i.message}`);
  return { ok: true, scenario: parsed.scenario, notes };
}
