/**
 * `aws ec2 describe-network-acls` → network ACLs: entries by direction (Egress), the final `*`
 * entries (32767, 32768) left implicit as the format asks, protocol numbers in the console's
 * words, ports and ICMP type/code, associations as subnets. An entry or association that cannot
 * be read is named in a note, never dropped silently.
 */
import { normaliseProtocol, type NaclEntry, type NetworkAcl, type Subnet } from '../model';
import { field, isObj, list, nameTag, num, str, type Obj } from './aws-fields';

function entryOf(e: Obj, where: string, note: (m: string) => void): NaclEntry | null {
  const ruleNumber = num(e, 'RuleNumber');
  const action = str(e, 'RuleAction');
  const raw = str(e, 'Protocol');
  if (ruleNumber === undefined || (action !== 'allow' && action !== 'deny') || raw === undefined) {
    note(`${where}: an entry without a rule number, action or protocol was left out.`);
    return null;
  }
  // AWS writes protocols as numbers: 6 → tcp, as the format stores them
  const protocol = normaliseProtocol(raw);
  const v4 = str(e, 'CidrBlock');
  const v6 = str(e, 'Ipv6CidrBlock');
  const range = field(e, 'PortRange');
  const icmp = field(e, 'IcmpTypeCode');
  const ports =
    (protocol === 'tcp' || protocol === 'udp') && isObj(range)
      ? { fromPort: num(range, 'From') ?? 0, toPort: num(range, 'To') ?? 65535 }
      : {};
  const types =
    (protocol === 'icmp' || protocol === 'icmpv6') && isObj(icmp)
      ? { icmpType: num(icmp, 'Type') ?? -1, icmpCode: num(icmp, 'Code') ?? -1 }
      : protocol === 'icmp' || protocol === 'icmpv6'
        ? { icmpType: -1, icmpCode: -1 }
        : {};
  // a TCP or UDP entry without a port range covers every port (AWS shows none for "all")
  const all =
    (protocol === 'tcp' || protocol === 'udp') && !isObj(range)
      ? { fromPort: 0, toPort: 65535 }
      : {};
  return {
    ruleNumber,
    action,
    protocol,
    ...ports,
    ...all,
    ...types,
    ...(v4 ? { cidrIpv4: v4 } : {}),
    ...(v6 ? { cidrIpv6: v6 } : {}),
  };
}

export function aclsOf(
  found: readonly { file: string; acl: Obj }[],
  subnets: ReadonlyMap<string, Subnet>,
  note: (file: string, m: string) => void,
): NetworkAcl[] {
  const out: NetworkAcl[] = [];
  for (const { file, acl: a } of found) {
    const id = str(a, 'NetworkAclId');
    const vpcId = str(a, 'VpcId');
    if (!id || !vpcId) {
      note(file, 'a network ACL without a NetworkAclId or VpcId was left out.');
      continue;
    }
    const inbound: NaclEntry[] = [];
    const outbound: NaclEntry[] = [];
    for (const e of list(a, 'Entries')) {
      const n = num(e, 'RuleNumber');
      // the final * entries: implicit in the format
      if (n === 32767 || n === 32768) continue;
      const entry = entryOf(e, id, (m) => note(file, m));
      if (entry) (field(e, 'Egress') === true ? outbound : inbound).push(entry);
    }
    const subnetIds: string[] = [];
    for (const assoc of list(a, 'Associations')) {
      const sn = str(assoc, 'SubnetId');
      if (!sn) continue;
      if (!subnets.has(sn)) {
        note(
          file,
          `${id} is associated with ${sn}, which is not in the files: add describe-subnets to keep the association.`,
        );
        continue;
      }
      subnetIds.push(sn);
    }
    const label = nameTag(a);
    out.push({
      id,
      vpcId,
      ...(label ? { name: label } : {}),
      ...(field(a, 'IsDefault') === true ? { isDefault: true } : {}),
      subnetIds,
      inbound,
      outbound,
    });
  }
  return out;
}
