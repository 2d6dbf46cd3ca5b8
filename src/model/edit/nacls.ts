/**
 * Edits of network ACLs as the console and AWS allow them (aws-semantics.md §9): a custom ACL
 * starts with no entries (it denies everything) and no subnets; the VPC's default ACL allows all
 * and cannot be deleted; a subnet is in exactly one ACL; entry numbers are unique per direction.
 * A VPC whose default ACL the document does not write has AWS's untouched one: editing it writes
 * it out first (`withDefaultAcl`).
 */
import { readableId } from '../ids';
import type { Direction, NaclEntry, NetworkAcl, Scenario } from '../types';
import { NACL_ENTRY_QUOTA, naclEntryIssues } from '../validate-nacl';
import { allIds, done, idLists, refused, type EditResult } from './result';

/** The ACL AWS creates with a VPC: entry 100 allows all IPv4 (and 101 all IPv6) both ways. */
export function awsDefaultAcl(s: Scenario, vpcId: string, id: string): NetworkAcl {
  const v6 = s.vpcs.find((v) => v.id === vpcId)?.ipv6Cidr !== undefined;
  const all: NaclEntry[] = [
    { ruleNumber: 100, action: 'allow', protocol: '-1', cidrIpv4: '0.0.0.0/0' },
    ...(v6
      ? [{ ruleNumber: 101, action: 'allow' as const, protocol: '-1', cidrIpv6: '::/0' }]
      : []),
  ];
  return {
    id,
    name: 'default',
    vpcId,
    isDefault: true,
    subnetIds: [],
    inbound: all,
    outbound: all,
  };
}

/** The VPC's default ACL as the document has it, or AWS's untouched one (not yet written). */
export function defaultAclOf(s: Scenario, vpcId: string): { acl: NetworkAcl; written: boolean } {
  const acl = (s.networkAcls ?? []).find((a) => a.vpcId === vpcId && a.isDefault);
  if (acl) return { acl, written: true };
  // the same one for the same document: every render asks, and its id needs every id in use
  let perVpc = unwritten.get(s);
  if (!perVpc) unwritten.set(s, (perVpc = new Map()));
  let made = perVpc.get(vpcId);
  if (!made) {
    // the same id readableId would pick among all ids, asking only about the ids it tries
    const taken = { has: (id: string) => idInUse(s, id) };
    perVpc.set(
      vpcId,
      (made = awsDefaultAcl(s, vpcId, readableId('acl', `${vpcId}-default`, taken))),
    );
  }
  return { acl: made, written: false };
}

const unwritten = new WeakMap<Scenario, Map<string, NetworkAcl>>();

/** Whether anything in the document already has this id (what allIds holds, without the set). */
function idInUse(s: Scenario, id: string): boolean {
  return (
    idLists(s).some((list) => listHasId(list, id)) ||
    s.securityGroups.some((g) => listHasId(g.inbound, id) || listHasId(g.outbound, id))
  );
}

/**
 * Whether a list holds an item with this id, kept per list object (a rule edit keeps 60,000
 * instances and every other group's lists): a scan asks about the one id tried, where a set of
 * every id in the list cost 36 ms at 60,000 instances for an answer or two.
 */
function listHasId(list: readonly { readonly id?: string }[], id: string): boolean {
  let answers = listAnswers.get(list);
  if (!answers) listAnswers.set(list, (answers = new Map()));
  let has = answers.get(id);
  if (has === undefined) answers.set(id, (has = list.some((item) => item.id === id)));
  return has;
}

const listAnswers = new WeakMap<readonly { readonly id?: string }[], Map<string, boolean>>();

/** The document with the VPC's default ACL written out, and its id. */
export function withDefaultAcl(s: Scenario, vpcId: string): { scenario: Scenario; id: string } {
  const d = defaultAclOf(s, vpcId);
  if (d.written) return { scenario: s, id: d.acl.id };
  return { scenario: { ...s, networkAcls: [...(s.networkAcls ?? []), d.acl] }, id: d.acl.id };
}

/** The ACL filtering a subnet: the one naming it, else its VPC's default. */
export function aclOfSubnet(
  s: Scenario,
  subnetId: string,
): { acl: NetworkAcl; written: boolean } | null {
  const named = (s.networkAcls ?? []).find((a) => a.subnetIds.includes(subnetId));
  if (named) return { acl: named, written: true };
  const subnet = s.subnets.find((x) => x.id === subnetId);
  return subnet ? defaultAclOf(s, subnet.vpcId) : null;
}

function replaceAcl(
  s: Scenario,
  id: string,
  change: (a: NetworkAcl) => NetworkAcl | EditResult,
): EditResult {
  const list = s.networkAcls ?? [];
  const i = list.findIndex((a) => a.id === id);
  if (i < 0)
    return refused(
      'InvalidNetworkAclID.NotFound',
      'networkAcls',
      `The network ACL '${id}' does not exist.`,
    );
  const next = change(list[i] as NetworkAcl);
  if ('ok' in next) return next;
  const copy = list.slice();
  copy[i] = next;
  return done({ ...s, networkAcls: copy });
}

/** "Create network ACL": no entries, so it denies everything until entries are added. */
export function createNetworkAcl(s: Scenario, vpcId: string, name: string): EditResult<string> {
  if (!s.vpcs.some((v) => v.id === vpcId))
    return refused('InvalidVpcID.NotFound', 'vpcId', `The VPC '${vpcId}' does not exist.`);
  const id = readableId('acl', name || vpcId, allIds(s));
  const acl: NetworkAcl = {
    id,
    ...(name ? { name } : {}),
    vpcId,
    subnetIds: [],
    inbound: [],
    outbound: [],
  };
  return done({ ...s, networkAcls: [...(s.networkAcls ?? []), acl] }, id);
}

/** Deleting a custom ACL: AWS refuses while subnets use it; the default cannot be deleted. */
export function removeNetworkAcl(s: Scenario, id: string): EditResult {
  const acl = (s.networkAcls ?? []).find((a) => a.id === id);
  if (!acl)
    return refused(
      'InvalidNetworkAclID.NotFound',
      'networkAcls',
      `The network ACL '${id}' does not exist.`,
    );
  if (acl.isDefault)
    return refused(
      'InvalidParameterValue',
      'networkAcls',
      `${id} is the VPC's default network ACL: it cannot be deleted.`,
    );
  if (acl.subnetIds.length > 0)
    return refused(
      'DependencyViolation',
      'networkAcls',
      `${id} is associated with ${acl.subnetIds.join(', ')}: associate ${acl.subnetIds.length > 1 ? 'them' : 'it'} with another ACL first.`,
    );
  return done({ ...s, networkAcls: (s.networkAcls ?? []).filter((a) => a.id !== id) });
}

export function renameNetworkAcl(s: Scenario, id: string, name: string): EditResult {
  return replaceAcl(s, id, (a) => ({ ...a, name }));
}

function checkEntry(
  acl: NetworkAcl,
  direction: Direction,
  entry: NaclEntry,
  replacing?: number,
): EditResult | null {
  const bad = naclEntryIssues(acl, direction, entry, direction, replacing).find(
    (i) => i.severity === 'error',
  );
  return bad ? { ok: false, issue: bad } : null;
}

export function addNaclEntry(
  s: Scenario,
  aclId: string,
  direction: Direction,
  entry: NaclEntry,
): EditResult {
  return replaceAcl(s, aclId, (acl) => {
    const bad = checkEntry(acl, direction, entry);
    if (bad) return bad;
    if (acl[direction].length >= NACL_ENTRY_QUOTA * 2)
      return refused(
        'NetworkAclEntryLimitExceeded',
        direction,
        `${acl.id} has ${acl[direction].length} ${direction} entries: AWS allows at most 40 after a quota increase.`,
      );
    return { ...acl, [direction]: [...acl[direction], entry] };
  });
}

export function updateNaclEntry(
  s: Scenario,
  aclId: string,
  direction: Direction,
  ruleNumber: number,
  entry: NaclEntry,
): EditResult {
  return replaceAcl(s, aclId, (acl) => {
    const i = acl[direction].findIndex((e) => e.ruleNumber === ruleNumber);
    if (i < 0)
      return refused(
        'InvalidNetworkAclEntry.NotFound',
        direction,
        `${aclId} has no ${direction} rule ${ruleNumber}.`,
      );
    const bad = checkEntry(acl, direction, entry, ruleNumber);
    if (bad) return bad;
    const list = acl[direction].slice();
    list[i] = entry;
    return { ...acl, [direction]: list };
  });
}

export function removeNaclEntry(
  s: Scenario,
  aclId: string,
  direction: Direction,
  ruleNumber: number,
): EditResult {
  return replaceAcl(s, aclId, (acl) => {
    if (!acl[direction].some((e) => e.ruleNumber === ruleNumber))
      return refused(
        'InvalidNetworkAclEntry.NotFound',
        direction,
        `${aclId} has no ${direction} rule ${ruleNumber}.`,
      );
    return { ...acl, [direction]: acl[direction].filter((e) => e.ruleNumber !== ruleNumber) };
  });
}

/** "Edit subnet associations": the subnet leaves whatever ACL had it (ReplaceNetworkAclAssociation). */
export function associateSubnet(s: Scenario, aclId: string, subnetId: string): EditResult {
  const acl = (s.networkAcls ?? []).find((a) => a.id === aclId);
  const subnet = s.subnets.find((x) => x.id === subnetId);
  if (!acl)
    return refused(
      'InvalidNetworkAclID.NotFound',
      'networkAcls',
      `The network ACL '${aclId}' does not exist.`,
    );
  if (!subnet)
    return refused(
      'InvalidSubnetID.NotFound',
      'subnetIds',
      `The subnet '${subnetId}' does not exist.`,
    );
  if (subnet.vpcId !== acl.vpcId)
    return refused(
      'InvalidParameterValue',
      'subnetIds',
      `${subnetId} is in ${subnet.vpcId}, not in ${acl.vpcId}: an ACL serves subnets of its own VPC.`,
    );
  return done({
    ...s,
    networkAcls: (s.networkAcls ?? []).map((a) =>
      a.id === aclId
        ? {
            ...a,
            subnetIds: a.subnetIds.includes(subnetId) ? a.subnetIds : [...a.subnetIds, subnetId],
          }
        : a.subnetIds.includes(subnetId)
          ? { ...a, subnetIds: a.subnetIds.filter((x) => x !== subnetId) }
          : a,
    ),
  });
}

/** Taking a subnet out of a custom ACL puts it back in its VPC's default ACL, as AWS does. */
export function disassociateSubnet(s: Scenario, subnetId: string): EditResult {
  const subnet = s.subnets.find((x) => x.id === subnetId);
  if (!subnet)
    return refused(
      'InvalidSubnetID.NotFound',
      'subnetIds',
      `The subnet '${subnetId}' does not exist.`,
    );
  const d = defaultAclOf(s, subnet.vpcId);
  if (!d.written)
    return done({
      ...s,
      networkAcls: (s.networkAcls ?? []).map((a) => ({
        ...a,
        subnetIds: a.subnetIds.filter((x) => x !== subnetId),
      })),
    });
  return associateSubnet(s, d.acl.id, subnetId);
}
