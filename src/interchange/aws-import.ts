/**
 * `sg-lab import aws`: the outputs of `aws ec2 describe-*` (security groups and their per-rule
 * view, VPCs, subnets, instances, network interfaces, managed prefix lists and their entries,
 * network ACLs) and
 * of `aws elbv2 describe-*` (aws-elb.ts), in any order, become one scenario. AWS's ids stay the scenario's ids; every IpPermission is
 * flattened into one rule per range, IPv6 range, group pair and prefix list. What cannot be
 * mapped is never dropped silently: each such thing is a note, and the scenario still loads.
 */
import {
  parseIp,
  readJson,
  type Instance,
  type PrefixList,
  type Scenario,
  type SecurityGroup,
  type Subnet,
  type Vpc,
} from '../model';
import { field, isObj, list, nameTag, num, str, type Obj } from './aws-fields';
import { assemble } from './aws-assemble';
import { balancersOf, collectElb, ELB_KINDS, emptyElb, type ElbFound } from './aws-elb';
import { aclsOf } from './aws-nacl';
import { peerOfRule, ruleIdIndex, ruleKey, rulesOf } from './aws-rules';

export interface ImportNote {
  readonly file: string;
  readonly message: string;
}

export type AwsImport =
  | { readonly ok: true; readonly scenario: Scenario; readonly notes: readonly ImportNote[] }
  | { readonly ok: false; readonly notes: readonly ImportNote[] };

export interface InputFile {
  readonly name: string;
  readonly text: string;
}

/** What the files hold, by kind, before the scenario is put together. */
interface Found {
  vpcs: Obj[];
  subnets: Obj[];
  groups: { file: string; group: Obj }[];
  ruleViews: Obj[];
  instances: { file: string; instance: Obj }[];
  enis: { file: string; eni: Obj }[];
  prefixLists: Obj[];
  entries: { file: string; entries: Obj[] }[];
  acls: { file: string; acl: Obj }[];
  elb: ElbFound;
}

const KINDS = [
  'SecurityGroups',
  'SecurityGroupRules',
  'Vpcs',
  'Subnets',
  'Reservations',
  'NetworkInterfaces',
  'PrefixLists',
  'Entries',
  'NetworkAcls',
  ...ELB_KINDS,
] as const;

function collect(files: readonly InputFile[], note: (file: string, m: string) => void): Found {
  const found: Found = {
    vpcs: [],
    subnets: [],
    groups: [],
    ruleViews: [],
    instances: [],
    enis: [],
    prefixLists: [],
    entries: [],
    acls: [],
    elb: emptyElb(),
  };
  for (const f of files) {
    const read = readJson(f.text);
    if (!read.ok) {
      note(f.name, `not JSON (${read.message}); nothing was read from it.`);
      continue;
    }
    if (Array.isArray(read.value)) {
      note(
        f.name,
        'is a list, the shape of a --query projection, not the output of a describe command: run the command without --query.',
      );
      continue;
    }
    if (!isObj(read.value)) {
      note(f.name, 'is not the output of an AWS describe command.');
      continue;
    }
    const o = read.value;
    const kinds = KINDS.filter((k) => field(o, k) !== undefined);
    if (kinds.length === 0) {
      note(
        f.name,
        `holds nothing this importer reads (its keys: ${Object.keys(o).slice(0, 5).join(', ') || 'none'}); it reads describe-security-groups, -security-group-rules, -vpcs, -subnets, -instances, -network-interfaces, -managed-prefix-lists, get-managed-prefix-list-entries, -network-acls and elbv2 describe-load-balancers, -listeners, -target-groups and -target-health.`,
      );
      continue;
    }
    for (const g of list(o, 'SecurityGroups')) found.groups.push({ file: f.name, group: g });
    found.ruleViews.push(...list(o, 'SecurityGroupRules'));
    found.vpcs.push(...list(o, 'Vpcs'));
    found.subnets.push(...list(o, 'Subnets'));
    for (const r of list(o, 'Reservations'))
      for (const i of list(r, 'Instances')) found.instances.push({ file: f.name, instance: i });
    for (const e of list(o, 'NetworkInterfaces')) found.enis.push({ file: f.name, eni: e });
    found.prefixLists.push(...list(o, 'PrefixLists'));
    if (field(o, 'Entries') !== undefined)
      found.entries.push({ file: f.name, entries: list(o, 'Entries') });
    for (const a of list(o, 'NetworkAcls')) found.acls.push({ file: f.name, acl: a });
    collectElb(found.elb, f.name, o);
  }
  return found;
}

export function importAws(files: readonly InputFile[], name = 'Imported from AWS'): AwsImport {
  const notes: ImportNote[] = [];
  const note = (file: string, message: string) => void notes.push({ file, message });
  const found = collect(files, note);
  const ids = ruleIdIndex(found.ruleViews);

  const vpcs = new Map<string, Vpc>();
  for (const v of found.vpcs) {
    const id = str(v, 'VpcId');
    const cidr = str(v, 'CidrBlock');
    if (!id || !cidr) continue;
    const v6 = list(v, 'Ipv6CidrBlockAssociationSet')
      .map((a) => str(a, 'Ipv6CidrBlock'))
      .find(Boolean);
    const label = nameTag(v);
    vpcs.set(id, { id, cidr, ...(label ? { name: label } : {}), ...(v6 ? { ipv6Cidr: v6 } : {}) });
  }

  const subnets = new Map<string, Subnet>();
  for (const s of found.subnets) {
    const id = str(s, 'SubnetId');
    const vpcId = str(s, 'VpcId');
    const cidr = str(s, 'CidrBlock');
    if (!id || !vpcId || !cidr) continue;
    const v6 = list(s, 'Ipv6CidrBlockAssociationSet')
      .map((a) => str(a, 'Ipv6CidrBlock'))
      .find(Boolean);
    const label = nameTag(s);
    subnets.set(id, {
      id,
      vpcId,
      availabilityZone: str(s, 'AvailabilityZone') ?? 'us-east-1a',
      cidr,
      // describe-subnets does not say which subnets route to an internet gateway
      public: field(s, 'MapPublicIpOnLaunch') === true,
      ...(label ? { name: label } : {}),
      ...(v6 ? { ipv6Cidr: v6 } : {}),
    });
  }
  if (subnets.size > 0)
    note(
      '(subnets)',
      'public or private is taken from MapPublicIpOnLaunch: describe-subnets does not show route tables; check each subnet in the editor.',
    );

  const groups = new Map<string, SecurityGroup>();
  for (const { file, group: g } of found.groups) {
    const id = str(g, 'GroupId');
    if (!id) {
      note(
        file,
        `a security group without a GroupId (${str(g, 'GroupName') ?? 'unnamed'}) was left out.`,
      );
      continue;
    }
    const owner = str(g, 'OwnerId');
    const where = id;
    const side = (key: 'IpPermissions' | 'IpPermissionsEgress', egress: boolean) =>
      list(g, key)
        .flatMap((p) => rulesOf(p, owner, where, (m) => note(file, m)))
        .map((r) => {
          const ruleId = ids.get(
            ruleKey(
              id,
              egress,
              { IpProtocol: r.protocol, FromPort: r.fromPort, ToPort: r.toPort },
              peerOfRule(r),
            ),
          );
          return ruleId ? { id: ruleId, ...r } : r;
        });
    groups.set(id, {
      id,
      name: str(g, 'GroupName') ?? id,
      description: str(g, 'Description') ?? str(g, 'GroupName') ?? id,
      vpcId: str(g, 'VpcId') ?? '',
      inbound: side('IpPermissions', false),
      outbound: side('IpPermissionsEgress', true),
    });
  }

  // groups known only from describe-security-group-rules: one rule per rule view
  for (const v of found.ruleViews) {
    const groupId = str(v, 'GroupId');
    if (!groupId || found.groups.some(({ group }) => str(group, 'GroupId') === groupId)) continue;
    const g = groups.get(groupId) ?? {
      id: groupId,
      name: groupId,
      description: 'Known from describe-security-group-rules only',
      vpcId: '',
      inbound: [],
      outbound: [],
    };
    const info = field(v, 'ReferencedGroupInfo');
    const perm: Obj = {
      IpProtocol: str(v, 'IpProtocol') ?? '-1',
      ...(num(v, 'FromPort') !== undefined && num(v, 'FromPort') !== -1
        ? { FromPort: num(v, 'FromPort') }
        : {}),
      ...(num(v, 'ToPort') !== undefined && num(v, 'ToPort') !== -1
        ? { ToPort: num(v, 'ToPort') }
        : {}),
      IpRanges: str(v, 'CidrIpv4')
        ? [{ CidrIp: str(v, 'CidrIpv4'), Description: str(v, 'Description') }]
        : [],
      Ipv6Ranges: str(v, 'CidrIpv6')
        ? [{ CidrIpv6: str(v, 'CidrIpv6'), Description: str(v, 'Description') }]
        : [],
      PrefixListIds: str(v, 'PrefixListId') ? [{ PrefixListId: str(v, 'PrefixListId') }] : [],
      UserIdGroupPairs: isObj(info) ? [info] : [],
    };
    const rules = rulesOf(perm, str(v, 'GroupOwnerId'), groupId, (m) =>
      note('(security group rules)', m),
    );
    const id = str(v, 'SecurityGroupRuleId');
    const withId = rules.map((r) => (id ? { id, ...r } : r));
    groups.set(
      groupId,
      field(v, 'IsEgress') === true
        ? { ...g, outbound: [...g.outbound, ...withId] }
        : { ...g, inbound: [...g.inbound, ...withId] },
    );
  }

  const instances: Instance[] = [];
  const placeholderSubnet = (
    id: string,
    vpcId: string,
    az: string | undefined,
    ip: string,
    file: string,
  ) => {
    if (subnets.has(id)) return;
    const [a, b, c] = ip.split('.');
    subnets.set(id, {
      id,
      vpcId,
      availabilityZone: az ?? 'us-east-1a',
      cidr: `${a}.${b}.${c}.0/24`,
    });
    note(
      file,
      `subnet ${id} is not in the files: assumed ${a}.${b}.${c}.0/24, private; add describe-subnets to know it.`,
    );
  };
  for (const { file, instance: i } of found.instances) {
    const id = str(i, 'InstanceId') ?? '(no id)';
    const state =
      str(isObj(field(i, 'State')) ? (field(i, 'State') as Obj) : {}, 'Name') ?? 'running';
    if (state === 'terminated' || state === 'shutting-down') {
      note(file, `${id} is ${state}: left out.`);
      continue;
    }
    const ip = str(i, 'PrivateIpAddress');
    const subnetId = str(i, 'SubnetId');
    const vpcId = str(i, 'VpcId');
    if (!ip || parseIp(ip)?.family !== 4 || !subnetId || !vpcId) {
      note(
        file,
        `${id} was left out: its private address "${ip ?? ''}"${!subnetId ? ' and subnet' : ''} cannot be read.`,
      );
      continue;
    }
    const placement = field(i, 'Placement');
    placeholderSubnet(
      subnetId,
      vpcId,
      isObj(placement) ? str(placement, 'AvailabilityZone') : undefined,
      ip,
      file,
    );
    const pub = str(i, 'PublicIpAddress');
    const v6 = list(i, 'NetworkInterfaces')
      .flatMap((n) => list(n, 'Ipv6Addresses'))
      .map((a) => str(a, 'Ipv6Address'))
      .find(Boolean);
    const label = nameTag(i);
    instances.push({
      id,
      subnetId,
      privateIp: ip,
      securityGroupIds: list(i, 'SecurityGroups').flatMap((g) => str(g, 'GroupId') ?? []),
      ...(label ? { name: label } : {}),
      ...(pub ? { publicIp: pub } : {}),
      ...(v6 ? { ipv6: v6 } : {}),
      ...(state === 'stopped' || state === 'stopping' ? { state: 'stopped' as const } : {}),
      kind: 'ec2',
    });
  }

  // interfaces of no imported instance (RDS, Lambda, endpoints) are endpoints of their own
  const taken = new Set(instances.map((i) => i.id));
  for (const { file, eni: e } of found.enis) {
    const id = str(e, 'NetworkInterfaceId');
    const attachment = field(e, 'Attachment');
    const owner = isObj(attachment) ? str(attachment, 'InstanceId') : undefined;
    if (!id || (owner && taken.has(owner))) continue;
    const ip = str(e, 'PrivateIpAddress');
    const subnetId = str(e, 'SubnetId');
    const vpcId = str(e, 'VpcId');
    if (!ip || parseIp(ip)?.family !== 4 || !subnetId || !vpcId) {
      note(file, `${id} was left out: its address or subnet cannot be read.`);
      continue;
    }
    placeholderSubnet(subnetId, vpcId, str(e, 'AvailabilityZone'), ip, file);
    const association = field(e, 'Association');
    const pub = isObj(association) ? str(association, 'PublicIp') : undefined;
    instances.push({
      id: owner ?? id,
      subnetId,
      privateIp: ip,
      securityGroupIds: list(e, 'Groups').flatMap((g) => str(g, 'GroupId') ?? []),
      name: str(e, 'Description') ?? id,
      kind: owner ? 'ec2' : (str(e, 'InterfaceType') ?? 'eni'),
      ...(pub ? { publicIp: pub } : {}),
    });
    taken.add(owner ?? id);
  }

  const loadBalancers = balancersOf(found.elb, { subnets, instances: taken }, note);

  const prefixLists: PrefixList[] = [];
  for (const p of found.prefixLists) {
    const id = str(p, 'PrefixListId');
    if (!id) continue;
    const family = str(p, 'AddressFamily') === 'IPv6' ? 'IPv6' : 'IPv4';
    const file = found.entries.find((e) => e.file.includes(id));
    const entries = (file?.entries ?? []).flatMap((e) => {
      const c = str(e, 'Cidr');
      const d = str(e, 'Description');
      return c ? [{ cidr: c, ...(d ? { description: d } : {}) }] : [];
    });
    if (!file)
      note(
        '(prefix lists)',
        `${id}: no entries file (save get-managed-prefix-list-entries as ${id}.json); it matches nothing until its entries are added.`,
      );
    const max = num(p, 'MaxEntries');
    prefixLists.push({
      id,
      name: str(p, 'PrefixListName') ?? id,
      addressFamily: family,
      entries,
      ...(max !== undefined ? { maxEntries: max } : {}),
    });
  }
  for (const e of found.entries)
    if (!found.prefixLists.some((p) => e.file.includes(str(p, 'PrefixListId') ?? '\u0000')))
      note(
        e.file,
        'prefix list entries of no list in the files: name the file after its list (pl-….json) and add describe-managed-prefix-lists.',
      );

  const networkAcls = aclsOf(found.acls, subnets, note);

  return assemble(
    { vpcs, subnets, groups, instances, loadBalancers, prefixLists, networkAcls },
    {
      name,
      description: `Imported from ${files.map((f) => f.name).join(', ')}.`,
      source: 'aws',
    },
    notes,
  );
}
