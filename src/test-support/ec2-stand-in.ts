/**
 * Test-only: a small stand-in for the EC2 Query API on 127.0.0.1, for the real AWS CLI
 * (`--endpoint-url`). It keeps security groups as AWS would — a new group gets the allow-all
 * egress (and ::/0 in a VPC with IPv6), each VPC has its default group — and refuses what AWS
 * refuses: a duplicate authorisation, a revoke of a rule that is not there, an unknown group.
 * Network ACLs likewise: each VPC has its default ACL (entry 100 allows all IPv4, 101 all IPv6
 * when the VPC has it) holding every subnet; a custom ACL starts empty; an entry number is unique
 * per direction; a subnet moves by replacing its association.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultEgress, parseCidr, type Subnet, type Vpc } from '../model';

export interface StandInGroup {
  readonly id: string;
  name: string;
  description: string;
  vpcId: string;
  readonly inbound: Set<string>;
  readonly outbound: Set<string>;
}

export interface StandInAcl {
  readonly id: string;
  readonly vpcId: string;
  readonly isDefault: boolean;
  /** rule number → "allow|6|80:80|0.0.0.0/0" */
  readonly inbound: Map<number, string>;
  readonly outbound: Map<number, string>;
  /** association id → subnet id */
  readonly associations: Map<string, string>;
}

/** An ACL entry as the stand-in keeps it (and the tests compare it). */
export function aclEntryKey(
  action: string,
  protocol: string,
  ports: readonly [unknown, unknown] | null,
  icmp: readonly [unknown, unknown] | null,
  cidr: string,
): string {
  const r = parseCidr(cidr);
  const range = ports ? `${ports[0]}:${ports[1]}` : icmp ? `icmp ${icmp[0]}:${icmp[1]}` : '';
  return `${action}|${protocol}|${range}|${r.ok ? r.canonical : cidr}`;
}

export interface StandIn {
  readonly url: string;
  readonly groups: Map<string, StandInGroup>;
  readonly acls: Map<string, StandInAcl>;
  readonly calls: string[];
  close(): Promise<void>;
}

/** `IpPermissions.1.IpRanges.2.CidrIp=…` → nested objects and 1-based lists. */
function nest(params: URLSearchParams): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of params) {
    const parts = key.split('.');
    let at: Record<string, unknown> = root;
    parts.forEach((p, i) => {
      if (i === parts.length - 1) at[p] = value;
      else at = (at[p] ??= {}) as Record<string, unknown>;
    });
  }
  return root;
}

const items = (o: unknown): Record<string, unknown>[] =>
  o && typeof o === 'object' ? (Object.values(o) as Record<string, unknown>[]) : [];

/** The rule entries of IpPermissions, each as AWS compares them: protocol, ports, peer. */
export function entryKeys(
  perms: unknown,
  nameOf: (groupId: string) => string = (g) => g,
): string[] {
  const out: string[] = [];
  for (const p of items(perms)) {
    const protocol = String(p.IpProtocol);
    const ports = protocol === '-1' ? '' : `${p.FromPort ?? -1}:${p.ToPort ?? -1}`;
    const base = `${protocol}|${ports}`;
    const canon = (c: unknown) => {
      const r = parseCidr(String(c));
      return r.ok ? r.canonical : String(c);
    };
    for (const r of items(p.IpRanges)) out.push(`${base}|${canon(r.CidrIp)}`);
    for (const r of items(p.Ipv6Ranges)) out.push(`${base}|${canon(r.CidrIpv6)}`);
    for (const r of items(p.PrefixListIds)) out.push(`${base}|${r.PrefixListId}`);
    for (const r of [...items(p.Groups), ...items(p.UserIdGroupPairs)])
      out.push(`${base}|${nameOf(String(r.GroupId))}`);
  }
  return out;
}

const NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

export async function ec2StandIn(
  vpcs: readonly Vpc[],
  subnets: readonly Subnet[] = [],
): Promise<StandIn> {
  const groups = new Map<string, StandInGroup>();
  const acls = new Map<string, StandInAcl>();
  let assoc = 0;
  for (const v of vpcs) {
    const all = (v6: boolean) =>
      new Map([
        [100, aclEntryKey('allow', '-1', null, null, '0.0.0.0/0')],
        ...(v6 ? ([[101, aclEntryKey('allow', '-1', null, null, '::/0')]] as const) : []),
      ]);
    acls.set(`acl-default-${v.id}`, {
      id: `acl-default-${v.id}`,
      vpcId: v.id,
      isDefault: true,
      inbound: all(v.ipv6Cidr !== undefined),
      outbound: all(v.ipv6Cidr !== undefined),
      associations: new Map(
        subnets.filter((sn) => sn.vpcId === v.id).map((sn) => [`aclassoc-${++assoc}`, sn.id]),
      ),
    });
  }
  const calls: string[] = [];
  let next = 0;
  const egress = (vpcId: string) =>
    new Set(
      entryKeys(
        defaultEgress(vpcs.find((v) => v.id === vpcId) ?? {}).map((r) => ({
          IpProtocol: r.protocol,
          ...(r.cidrIpv4 ? { IpRanges: { 1: { CidrIp: r.cidrIpv4 } } } : {}),
          ...(r.cidrIpv6 ? { Ipv6Ranges: { 1: { CidrIpv6: r.cidrIpv6 } } } : {}),
        })),
      ),
    );
  for (const v of vpcs) {
    const id = `sg-default-${v.id}`;
    groups.set(id, {
      id,
      name: 'default',
      description: 'default VPC security group',
      vpcId: v.id,
      inbound: new Set([`-1||${id}`]),
      outbound: egress(v.id),
    });
  }
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const q = nest(new URLSearchParams(body));
      const action = String(q.Action);
      calls.push(action);
      const reply = (xml: string) => {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(
          `<${action}Response xmlns="${NS}"><requestId>r-${calls.length}</requestId>${xml}</${action}Response>`,
        );
      };
      const refuse = (code: string, message: string) => {
        res.writeHead(400, { 'content-type': 'text/xml' });
        res.end(
          `<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>r</RequestID></Response>`,
        );
      };
      if (action === 'CreateSecurityGroup') {
        const id = `sg-${String(++next).padStart(17, '0')}`;
        const vpcId = String(q.VpcId);
        if (!vpcs.some((v) => v.id === vpcId)) return refuse('InvalidVpcID.NotFound', vpcId);
        if ([...groups.values()].some((g) => g.vpcId === vpcId && g.name === q.GroupName))
          return refuse('InvalidGroup.Duplicate', String(q.GroupName));
        groups.set(id, {
          id,
          name: String(q.GroupName),
          description: String(q.GroupDescription),
          vpcId,
          inbound: new Set(),
          outbound: egress(vpcId),
        });
        return reply(`<groupId>${id}</groupId>`);
      }
      if (action === 'DescribeSecurityGroups') {
        const filters = items(q.Filter);
        const value = (name: string) =>
          items(filters.find((f) => f.Name === name)?.Value).map(String);
        const found = [...groups.values()].filter(
          (g) =>
            (value('vpc-id').length === 0 || value('vpc-id').includes(g.vpcId)) &&
            (value('group-name').length === 0 || value('group-name').includes(g.name)),
        );
        return reply(
          `<securityGroupInfo>${found.map((g) => `<item><groupId>${g.id}</groupId><groupName>${g.name}</groupName><vpcId>${g.vpcId}</vpcId></item>`).join('')}</securityGroupInfo>`,
        );
      }
      const m = /^(Authorize|Revoke)SecurityGroup(Ingress|Egress)$/.exec(action);
      if (m) {
        const g = groups.get(String(q.GroupId));
        if (!g) return refuse('InvalidGroup.NotFound', String(q.GroupId));
        const set = m[2] === 'Ingress' ? g.inbound : g.outbound;
        const keys = entryKeys(q.IpPermissions);
        for (const k of keys) {
          const peer = k.split('|')[2] ?? '';
          if (peer.startsWith('sg-') && !groups.has(peer))
            return refuse('InvalidGroup.NotFound', peer);
          if (m[1] === 'Authorize' && set.has(k)) return refuse('InvalidPermission.Duplicate', k);
          if (m[1] === 'Revoke' && !set.has(k)) return refuse('InvalidPermission.NotFound', k);
        }
        for (const k of keys) {
          if (m[1] === 'Authorize') set.add(k);
          else set.delete(k);
        }
        return reply('<return>true</return>');
      }
      const acl = acls.get(String(q.NetworkAclId));
      if (action === 'CreateNetworkAcl') {
        const vpcId = String(q.VpcId);
        if (!vpcs.some((v) => v.id === vpcId)) return refuse('InvalidVpcID.NotFound', vpcId);
        const id = `acl-${String(++next).padStart(17, '0')}`;
        acls.set(id, {
          id,
          vpcId,
          isDefault: false,
          inbound: new Map(),
          outbound: new Map(),
          associations: new Map(),
        });
        return reply(
          `<networkAcl><networkAclId>${id}</networkAclId><vpcId>${vpcId}</vpcId><default>false</default></networkAcl>`,
        );
      }
      if (action === 'DescribeNetworkAcls') {
        const filters = items(q.Filter);
        const value = (name: string) =>
          items(filters.find((f) => f.Name === name)?.Value).map(String);
        const found = [...acls.values()].filter(
          (a) =>
            (value('vpc-id').length === 0 || value('vpc-id').includes(a.vpcId)) &&
            (value('default').length === 0 || value('default').includes(String(a.isDefault))) &&
            (value('association.subnet-id').length === 0 ||
              [...a.associations.values()].some((sn) =>
                value('association.subnet-id').includes(sn),
              )),
        );
        return reply(
          `<networkAclSet>${found
            .map(
              (a) =>
                `<item><networkAclId>${a.id}</networkAclId><vpcId>${a.vpcId}</vpcId><default>${a.isDefault}</default><associationSet>${[
                  ...a.associations,
                ]
                  .map(
                    ([id, sn]) =>
                      `<item><networkAclAssociationId>${id}</networkAclAssociationId><networkAclId>${a.id}</networkAclId><subnetId>${sn}</subnetId></item>`,
                  )
                  .join('')}</associationSet></item>`,
            )
            .join('')}</networkAclSet>`,
        );
      }
      const e = /^(Create|Replace|Delete)NetworkAclEntry$/.exec(action);
      if (e) {
        if (!acl) return refuse('InvalidNetworkAclID.NotFound', String(q.NetworkAclId));
        const n = Number(q.RuleNumber);
        const list = q.Egress === 'true' ? acl.outbound : acl.inbound;
        if (e[1] === 'Create' && list.has(n))
          return refuse('NetworkAclEntryAlreadyExists', `rule ${n} exists`);
        if (e[1] !== 'Create' && !list.has(n))
          return refuse('InvalidNetworkAclEntry.NotFound', `no rule ${n}`);
        if (e[1] === 'Delete') list.delete(n);
        else {
          const range = q.PortRange as Record<string, unknown> | undefined;
          const icmp = (q.Icmp ?? q.IcmpTypeCode) as Record<string, unknown> | undefined;
          list.set(
            n,
            aclEntryKey(
              String(q.RuleAction),
              String(q.Protocol),
              range ? [range.From, range.To] : null,
              icmp ? [icmp.Type, icmp.Code] : null,
              String(q.CidrBlock ?? q.Ipv6CidrBlock),
            ),
          );
        }
        return reply('<return>true</return>');
      }
      if (action === 'ReplaceNetworkAclAssociation') {
        if (!acl) return refuse('InvalidNetworkAclID.NotFound', String(q.NetworkAclId));
        const id = String(q.AssociationId);
        const from = [...acls.values()].find((a) => a.associations.has(id));
        const subnet = from?.associations.get(id);
        if (!from || !subnet) return refuse('InvalidAssociationID.NotFound', id);
        from.associations.delete(id);
        const fresh = `aclassoc-${++assoc}`;
        acl.associations.set(fresh, subnet);
        return reply(`<newAssociationId>${fresh}</newAssociationId>`);
      }
      refuse('InvalidAction', action);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    groups,
    acls,
    calls,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
