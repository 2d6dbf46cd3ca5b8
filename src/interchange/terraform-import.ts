/**
 * `sg-lab import terraform`: the JSON of `terraform show -json`, for a plan or for a state, becomes
 * a scenario. Read: aws_vpc, aws_subnet, aws_security_group (inline ingress/egress),
 * aws_security_group_rule, aws_vpc_security_group_ingress_rule / _egress_rule, aws_instance,
 * aws_network_interface, aws_lb with aws_lb_target_group, aws_lb_listener and
 * aws_lb_target_group_attachment. A plan does not know what apply computes (ids, addresses): a
 * reference such as `aws_vpc.main.id` is followed through the plan's configuration; a resource
 * without an id yet is named after its address; whatever stays unknown is named in a note.
 */
import {
  cidrOf,
  freePublicIp,
  nextFreeAddress,
  readJson,
  slug,
  type Instance,
  type Listener,
  type LoadBalancer,
  type Rule,
  type SecurityGroup,
  type Subnet,
  type Vpc,
} from '../model';
import { assemble } from './aws-assemble';
import { isObj, list, num, str, strings, type Obj } from './aws-fields';
import type { AwsImport, ImportNote, InputFile } from './aws-import';

/** One resource of the plan or state, with what the plan's configuration says of it. */
interface Res {
  readonly address: string;
  /** the address in the configuration: module path kept, instance key dropped */
  readonly configAddress: string;
  readonly module: string;
  readonly type: string;
  readonly values: Obj;
  readonly expressions: Obj;
}

const PREFIX: Readonly<Record<string, string>> = {
  aws_vpc: 'vpc',
  aws_subnet: 'subnet',
  aws_security_group: 'sg',
  aws_instance: 'i',
  aws_network_interface: 'eni',
  aws_lb: 'lb',
  aws_lb_target_group: 'tg',
};

const READ = new Set([
  ...Object.keys(PREFIX),
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
  'aws_lb_listener',
  'aws_lb_target_group_attachment',
]);

/** "module.app.aws_instance.web[0]" → module "module.app.", config address "module.app.aws_instance.web". */
function splitAddress(address: string): { module: string; configAddress: string } {
  const configAddress = address.replace(/\[[^\]]*\]/g, '');
  const m = /^((?:module\.[^.]+\.)*)/.exec(configAddress);
  return { module: m?.[1] ?? '', configAddress };
}

function walk(module: unknown, out: Obj[]): void {
  if (!isObj(module)) return;
  out.push(...list(module, 'resources'));
  for (const child of list(module, 'child_modules')) walk(child, out);
}

/** The configuration's expressions of every resource, by config address. */
function configExpressions(module: unknown, prefix: string, out: Map<string, Obj>): void {
  if (!isObj(module)) return;
  for (const r of list(module, 'resources')) {
    const address = str(r, 'address');
    if (address && isObj(r.expressions)) out.set(`${prefix}${address}`, r.expressions);
  }
  const calls = module.module_calls;
  if (isObj(calls))
    for (const [name, call] of Object.entries(calls))
      if (isObj(call)) configExpressions(call.module, `${prefix}module.${name}.`, out);
}

function read(doc: Obj): { kind: 'plan' | 'state'; resources: Res[] } | null {
  const planned = isObj(doc.planned_values) ? doc.planned_values.root_module : undefined;
  const state = isObj(doc.values) ? doc.values.root_module : undefined;
  if (!planned && !state) return null;
  const raw: Obj[] = [];
  walk(planned ?? state, raw);
  const expressions = new Map<string, Obj>();
  if (isObj(doc.configuration)) configExpressions(doc.configuration.root_module, '', expressions);
  const resources = raw.flatMap((r): Res[] => {
    const address = str(r, 'address');
    const type = str(r, 'type');
    if (!address || !type) return [];
    const { module, configAddress } = splitAddress(address);
    return [
      {
        address,
        configAddress,
        module,
        type: str(r, 'mode') === 'data' ? `data.${type}` : type,
        values: isObj(r.values) ? r.values : {},
        expressions: expressions.get(configAddress) ?? {},
      },
    ];
  });
  return { kind: planned ? 'plan' : 'state', resources };
}

export function importTerraform(file: InputFile, name = 'Imported from Terraform'): AwsImport {
  const notes: ImportNote[] = [];
  const note = (message: string) => void notes.push({ file: file.name, message });
  const parsed = readJson(file.text);
  if (!parsed.ok || !isObj(parsed.value)) {
    note(
      parsed.ok
        ? 'is not the JSON of terraform show -json.'
        : `not JSON (${parsed.message}); nothing was read from it.`,
    );
    return { ok: false, notes };
  }
  const doc = read(parsed.value);
  if (!doc) {
    note(
      'holds neither planned_values nor values: save the output of `terraform show -json plan.out` (a plan) or `terraform show -json` (the state).',
    );
    return { ok: false, notes };
  }
  const { resources } = doc;

  // what another resource's value can name it by: its id, its ARN
  const byValue = new Map<string, Res>();
  const byConfig = new Map<string, Res[]>();
  for (const r of resources) {
    for (const k of ['id', 'arn']) {
      const v = str(r.values, k);
      if (v) byValue.set(v, r);
    }
    byConfig.set(r.configAddress, [...(byConfig.get(r.configAddress) ?? []), r]);
  }
  let named = 0;
  const idOf = new Map<Res, string>();
  const taken = new Set<string>();
  const sid = (r: Res): string => {
    const known = idOf.get(r);
    if (known) return known;
    const real = r.type === 'aws_lb' ? str(r.values, 'name') : str(r.values, 'id');
    let id = real;
    if (!id) {
      named++;
      const local = r.address.replace(`${r.type}.`, '');
      id = `${PREFIX[r.type] ?? 'tf'}-${slug(local, 60) || 'unnamed'}`;
      for (let k = 2; taken.has(id); k++) id = `${id}-${k}`;
    }
    taken.add(id);
    idOf.set(r, id);
    return id;
  };

  /** The resources an expression refers to (`aws_vpc.main.id` → aws_vpc.main), in the referrer's module. */
  const referenced = (r: Res, expression: unknown): Res[] => {
    if (!isObj(expression)) return [];
    const out: Res[] = [];
    for (const ref of strings(expression, 'references')) {
      const parts = ref.replace(/\[[^\]]*\]/g, '').split('.');
      for (let k = parts.length; k >= 2; k--) {
        const hit = byConfig.get(`${r.module}${parts.slice(0, k).join('.')}`);
        if (hit) {
          // `aws_instance.web[1].id` when the referrer is one of a count: the same index, else the first
          const index = /\[([^\]]*)\]$/.exec(r.address)?.[1];
          const same = hit.find((h) => index !== undefined && h.address.endsWith(`[${index}]`));
          const picked = same ?? hit[0];
          if (picked && !out.includes(picked)) out.push(picked);
          break;
        }
      }
    }
    return out;
  };
  /** A single reference (`vpc_id`): the resource it names, or the id as written. */
  const one = (r: Res, key: string, values = r.values, expressions = r.expressions) => {
    const v = str(values, key);
    if (v) return { id: byValue.has(v) ? sid(byValue.get(v)!) : v, res: byValue.get(v) };
    const [res, ...others] = referenced(r, expressions[key]);
    if (res && others.length)
      note(
        `${r.address}: ${key} is one of ${[res, ...others].map((o) => o.address).join(', ')}, decided at apply: SG Lab used ${res.address}.`,
      );
    return res ? { id: sid(res), res } : undefined;
  };
  /** A list of references (`vpc_security_group_ids`): each by value or by configuration. */
  const many = (r: Res, key: string, values = r.values, expressions = r.expressions): string[] => {
    const ids = strings(values, key).map((v) => (byValue.has(v) ? sid(byValue.get(v)!) : v));
    const expr = expressions[key];
    for (const res of referenced(r, expr)) if (!ids.includes(sid(res))) ids.push(sid(res));
    return ids;
  };
  const unknown = (r: Res, what: string) =>
    note(`${r.address}: ${what} is not known until apply and nothing refers to it: left out.`);

  const of = (type: string) => resources.filter((r) => r.type === type);

  const vpcs = new Map<string, Vpc>();
  for (const r of of('aws_vpc')) {
    const cidr = str(r.values, 'cidr_block');
    if (!cidr) {
      unknown(r, 'its cidr_block');
      continue;
    }
    const tags = isObj(r.values.tags) ? r.values.tags : {};
    const v6 = str(r.values, 'ipv6_cidr_block');
    vpcs.set(sid(r), {
      id: sid(r),
      cidr,
      ...(str(tags, 'Name') ? { name: str(tags, 'Name')! } : {}),
      ...(v6 ? { ipv6Cidr: v6 } : {}),
    });
  }

  const subnets = new Map<string, Subnet>();
  for (const r of of('aws_subnet')) {
    const cidr = str(r.values, 'cidr_block');
    const vpc = one(r, 'vpc_id');
    if (!cidr || !vpc) {
      unknown(r, !cidr ? 'its cidr_block' : 'its vpc_id');
      continue;
    }
    const tags = isObj(r.values.tags) ? r.values.tags : {};
    const v6 = str(r.values, 'ipv6_cidr_block');
    const az = str(r.values, 'availability_zone');
    if (!az) note(`${r.address}: its availability_zone is not known: assumed us-east-1a.`);
    subnets.set(sid(r), {
      id: sid(r),
      vpcId: vpc.id,
      availabilityZone: az ?? 'us-east-1a',
      cidr,
      public: r.values.map_public_ip_on_launch === true,
      ...(str(tags, 'Name') ? { name: str(tags, 'Name')! } : {}),
      ...(v6 ? { ipv6Cidr: v6 } : {}),
    });
  }
  if (subnets.size > 0)
    note(
      'public or private is taken from map_public_ip_on_launch: route tables are not read; check each subnet in the editor.',
    );

  // rules: one per peer, as the AWS API keeps them; a rule both inline and separate (a state
  // lists every rule of a group inline) is kept once
  const groups = new Map<string, SecurityGroup>();
  const added = new Map<string, Set<string>>();
  const addRule = (groupId: string, dir: 'inbound' | 'outbound', rule: Rule) => {
    const g = groups.get(groupId);
    if (!g) return false;
    const { id: _id, description: _d, ...shape } = rule;
    const key = `${groupId}|${dir}|${JSON.stringify(shape)}`;
    const seen = added.get(groupId) ?? new Set<string>();
    added.set(groupId, seen);
    if (seen.has(key)) return true;
    seen.add(key);
    groups.set(groupId, { ...g, [dir]: [...g[dir], rule] });
    return true;
  };
  /** One IpPermission-like block (inline or aws_security_group_rule) into rules. */
  const blockRules = (
    r: Res,
    groupId: string,
    block: Obj,
    expressions: Obj,
    peerKeys: { groups: string; self: string },
  ): Rule[] => {
    const raw = block.protocol;
    // a stranger's file: only a text or a number is a protocol
    const protocol =
      typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : undefined;
    if (protocol === undefined) {
      note(`${r.address}: a rule whose protocol is not a text or a number was left out.`);
      return [];
    }
    const all = protocol === '-1' || protocol.toLowerCase() === 'all';
    const from = num(block, 'from_port');
    const to = num(block, 'to_port');
    const base = {
      protocol: all ? '-1' : protocol,
      ...(!all && from !== undefined ? { fromPort: from } : {}),
      ...(!all && to !== undefined ? { toPort: to } : {}),
      ...(str(block, 'description') ? { description: str(block, 'description')! } : {}),
    };
    const peers = [
      ...strings(block, 'cidr_blocks').map((c) => ({ cidrIpv4: c })),
      ...strings(block, 'ipv6_cidr_blocks').map((c) => ({ cidrIpv6: c })),
      ...strings(block, 'prefix_list_ids').map((p) => ({ prefixListId: p })),
      ...(peerKeys.groups === 'security_groups'
        ? many(r, 'security_groups', block, expressions)
        : [one(r, peerKeys.groups, block, expressions)?.id].filter((x): x is string => !!x)
      ).map((g) => ({ referencedGroupId: g })),
      ...(block[peerKeys.self] === true ? [{ referencedGroupId: groupId }] : []),
    ];
    if (peers.length === 0)
      note(`${r.address}: a rule without a known peer (computed at apply) was left out.`);
    return peers.map((p) => ({ ...base, ...p }));
  };

  for (const r of of('aws_security_group')) {
    const vpc = one(r, 'vpc_id');
    const id = sid(r);
    groups.set(id, {
      id,
      name: str(r.values, 'name') ?? r.address,
      description: str(r.values, 'description') ?? 'Managed by Terraform',
      vpcId: vpc?.id ?? '',
      inbound: [],
      outbound: [],
    });
  }

  const orphan = (r: Res) =>
    note(
      `${r.address}: its security group is not in this plan or state (managed elsewhere): the rule was left out.`,
    );
  for (const r of of('aws_security_group_rule')) {
    const group = one(r, 'security_group_id');
    const dir = str(r.values, 'type') === 'egress' ? 'outbound' : 'inbound';
    if (!group || !groups.has(group.id)) {
      orphan(r);
      continue;
    }
    const id = str(r.values, 'security_group_rule_id');
    blockRules(r, group.id, r.values, r.expressions, {
      groups: 'source_security_group_id',
      self: 'self',
    }).forEach((rule, i) => addRule(group.id, dir, i === 0 && id ? { id, ...rule } : rule));
  }
  for (const type of ['aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'])
    for (const r of of(type)) {
      const group = one(r, 'security_group_id');
      if (!group || !groups.has(group.id)) {
        orphan(r);
        continue;
      }
      const block: Obj = {
        ...r.values,
        protocol: str(r.values, 'ip_protocol') ?? '-1',
        cidr_blocks: str(r.values, 'cidr_ipv4') ? [str(r.values, 'cidr_ipv4')] : [],
        ipv6_cidr_blocks: str(r.values, 'cidr_ipv6') ? [str(r.values, 'cidr_ipv6')] : [],
        prefix_list_ids: str(r.values, 'prefix_list_id') ? [str(r.values, 'prefix_list_id')] : [],
      };
      const id = str(r.values, 'security_group_rule_id');
      const dir = type.endsWith('egress_rule') ? 'outbound' : 'inbound';
      for (const rule of blockRules(r, group.id, block, r.expressions, {
        groups: 'referenced_security_group_id',
        self: '(none)',
      }))
        addRule(group.id, dir, id ? { id, ...rule } : rule);
    }
  // inline rules last: a state lists the separate rules inline too, without their rule ids
  for (const r of of('aws_security_group')) {
    const id = sid(r);
    for (const [key, dir] of [
      ['ingress', 'inbound'],
      ['egress', 'outbound'],
    ] as const) {
      const exprs = list(r.expressions, key);
      list(r.values, key).forEach((block, i) => {
        for (const rule of blockRules(r, id, block, exprs[i] ?? {}, {
          groups: 'security_groups',
          self: 'self',
        }))
          addRule(id, dir, rule);
      });
    }
  }
  if ([...groups.values()].some((g) => g.outbound.length === 0))
    note(
      'Terraform removes the allow-all outbound rule AWS gives a new group: a group without egress rules here sends nothing, as in AWS.',
    );

  const instances: Instance[] = [];
  const usedIps = (subnetId: string) =>
    instances.filter((i) => i.subnetId === subnetId).map((i) => i.privateIp);
  const address = (r: Res, subnetId: string, ip: string | undefined): string | null => {
    if (ip) return ip;
    const sn = subnets.get(subnetId);
    const cidr = sn ? cidrOf(sn.cidr) : null;
    const free = cidr ? nextFreeAddress(cidr, usedIps(subnetId)) : null;
    if (free) note(`${r.address}: its private IP is chosen at apply; SG Lab gave it ${free}.`);
    return free;
  };
  for (const r of of('aws_instance')) {
    const subnet = one(r, 'subnet_id');
    if (!subnet || !subnets.has(subnet.id)) {
      note(`${r.address}: its subnet is not in this plan or state: left out.`);
      continue;
    }
    const ip = address(r, subnet.id, str(r.values, 'private_ip'));
    if (!ip) {
      note(`${r.address}: no private address could be given to it: left out.`);
      continue;
    }
    let pub = str(r.values, 'public_ip');
    const wantsPublic =
      r.values.associate_public_ip_address === true ||
      (r.values.associate_public_ip_address === undefined && subnets.get(subnet.id)?.public);
    if (!pub && wantsPublic && doc.kind === 'plan') {
      pub = freePublicIp(instances.map((i) => i.publicIp));
      note(`${r.address}: its public IP is chosen at apply; SG Lab gave it ${pub}.`);
    }
    if (strings(r.values, 'security_groups').length && !many(r, 'vpc_security_group_ids').length)
      note(
        `${r.address}: security_groups names groups by name (EC2-Classic / default VPC): use vpc_security_group_ids; attach its groups in the editor.`,
      );
    const tags = isObj(r.values.tags) ? r.values.tags : {};
    const v6 = strings(r.values, 'ipv6_addresses')[0];
    instances.push({
      id: sid(r),
      subnetId: subnet.id,
      privateIp: ip,
      securityGroupIds: many(r, 'vpc_security_group_ids'),
      ...(str(tags, 'Name') ? { name: str(tags, 'Name')! } : {}),
      ...(pub ? { publicIp: pub } : {}),
      ...(v6 ? { ipv6: v6 } : {}),
      ...(str(r.values, 'instance_state') === 'stopped' ? { state: 'stopped' as const } : {}),
      kind: 'ec2',
    });
  }
  for (const r of of('aws_network_interface')) {
    const attached = list(r.values, 'attachment')
      .map((a) => str(a, 'instance'))
      .find(Boolean);
    if (attached) {
      note(
        `${r.address}: a second interface of ${attached}; SG Lab models one interface per instance: left out.`,
      );
      continue;
    }
    const subnet = one(r, 'subnet_id');
    if (!subnet || !subnets.has(subnet.id)) {
      note(`${r.address}: its subnet is not in this plan or state: left out.`);
      continue;
    }
    const ip = address(
      r,
      subnet.id,
      str(r.values, 'private_ip') ?? strings(r.values, 'private_ips')[0] ?? undefined,
    );
    if (!ip) continue;
    instances.push({
      id: sid(r),
      subnetId: subnet.id,
      privateIp: ip,
      securityGroupIds: many(r, 'security_groups'),
      name: str(r.values, 'description') ?? r.address,
      kind: 'eni',
    });
  }

  const loadBalancers: LoadBalancer[] = [];
  const targetGroups = of('aws_lb_target_group');
  for (const r of of('aws_lb')) {
    const type = str(r.values, 'load_balancer_type') ?? 'application';
    if (type !== 'application' && type !== 'network') {
      note(`${r.address} is a ${type} load balancer, which SG Lab does not model: left out.`);
      continue;
    }
    const subnetIds = [
      ...many(r, 'subnets'),
      ...list(r.values, 'subnet_mapping').flatMap((m) => str(m, 'subnet_id') ?? []),
    ].filter((id) => {
      if (subnets.has(id)) return true;
      note(`${r.address}: its subnet ${id} is not in this plan or state: left out.`);
      return false;
    });
    const listeners: Listener[] = [];
    const forwarded = new Set<Res>();
    for (const l of of('aws_lb_listener')) {
      if (one(l, 'load_balancer_arn')?.res !== r) continue;
      const port = num(l.values, 'port');
      const protocol = str(l.values, 'protocol') ?? (type === 'network' ? 'TCP' : 'HTTP');
      const actions = list(l.values, 'default_action');
      const exprActions = list(l.expressions, 'default_action');
      const tgs = actions.flatMap((a, i) =>
        str(a, 'type') === 'forward'
          ? [one(l, 'target_group_arn', a, exprActions[i] ?? {})?.res].filter((x): x is Res => !!x)
          : [],
      );
      const tg = tgs[0];
      const targetPort = tg ? num(tg.values, 'port') : undefined;
      if (port === undefined || !tg || targetPort === undefined) {
        note(
          `${l.address}: does not forward to a target group of this plan or state (a redirect, a fixed response, or a group managed elsewhere): not modelled.`,
        );
        continue;
      }
      listeners.push({ protocol, port, targetPort });
      forwarded.add(tg);
    }
    const targetInstanceIds: string[] = [];
    for (const a of of('aws_lb_target_group_attachment')) {
      const tg = one(a, 'target_group_arn')?.res;
      if (!tg || !forwarded.has(tg)) continue;
      const target = one(a, 'target_id');
      if (target && instances.some((i) => i.id === target.id)) {
        if (!targetInstanceIds.includes(target.id)) targetInstanceIds.push(target.id);
      } else note(`${a.address}: its target is not an instance of this plan or state: left out.`);
    }
    const first =
      [...forwarded][0] ?? targetGroups.find((t) => many(t, 'load_balancer_arns').includes(sid(r)));
    const check = first ? list(first.values, 'health_check')[0] : undefined;
    const checkPort = check ? str(check, 'port') : undefined;
    const hcPort =
      checkPort && /^\d+$/.test(checkPort)
        ? Number(checkPort)
        : first
          ? num(first.values, 'port')
          : undefined;
    const hcProtocol =
      (check && str(check, 'protocol')) ?? (first ? str(first.values, 'protocol') : undefined);
    loadBalancers.push({
      id: sid(r),
      name: str(r.values, 'name') ?? r.address,
      type,
      scheme: r.values.internal === true ? 'internal' : 'internet-facing',
      subnetIds,
      securityGroupIds: many(r, 'security_groups'),
      listeners,
      targetInstanceIds,
      ...(hcPort !== undefined && hcProtocol
        ? { healthCheck: { protocol: hcProtocol, port: hcPort } }
        : {}),
    });
  }

  // what is in the file but not modelled: named, by type, never dropped silently
  const skipped = new Map<string, number>();
  for (const r of resources)
    if (!READ.has(r.type)) skipped.set(r.type, (skipped.get(r.type) ?? 0) + 1);
  for (const [type, count] of skipped)
    note(`${type}${count > 1 ? ` ×${count}` : ''}: not modelled by SG Lab, left out.`);
  if (named > 0)
    note(
      `${named} resource${named > 1 ? 's have' : ' has'} no AWS id yet (computed at apply): named after ${named > 1 ? 'their' : 'its'} Terraform address (sg-web for aws_security_group.web).`,
    );

  return assemble(
    { vpcs, subnets, groups, instances, loadBalancers, prefixLists: [] },
    {
      name,
      description: `Imported from the Terraform ${doc.kind} ${file.name}.`,
      source: 'terraform',
    },
    notes,
  );
}
