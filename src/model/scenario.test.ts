import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createGroup,
  deleteGroup,
  setInstanceGroups,
  addInstance,
  addRule,
  duplicateRule,
  setZoneAvailable,
  zoneIsDown,
} from './edit';
import { parseScenario } from './parse-scenario';
import { validateScenario } from './validate-scenario';
import type { Scenario } from './types';

const threeTier = readFileSync(
  path.resolve(import.meta.dirname, '../content/scenarios/three-tier.json'),
  'utf8',
);
function load(): Scenario {
  const r = parseScenario(threeTier);
  if (!r.ok) throw new Error('built-in scenario does not load');
  return r.scenario;
}

describe('parseScenario', () => {
  it('loads the built-in scenario with no errors', () => {
    const r = parseScenario(threeTier);
    expect(r.ok && r.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
  it('never throws; says what is wrong, where', () => {
    expect(parseScenario('{not json')).toMatchObject({
      ok: false,
      issues: [{ code: 'InvalidJson' }],
    });
    expect(parseScenario({ format: 'other' })).toMatchObject({
      ok: false,
      issues: [{ code: 'NotAScenario', path: 'format' }],
    });
    expect(parseScenario({ format: 'sg-lab.scenario', version: 9 })).toMatchObject({
      ok: false,
      issues: [{ code: 'NewerVersion' }],
    });
    const doc = JSON.parse(threeTier);
    doc.securityGroups[1].inbound[0].fromPort = '443';
    doc.instances[0].securityGroupIds = 'sg-web';
    const r = parseScenario(doc);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.path)).toEqual([
      'securityGroups[1].inbound[0].fromPort',
      'instances[0].securityGroupIds',
    ]);
  });
  it('gives missing rule ids stable sgr- ids and stores protocol numbers 6/17/1/58 by name', () => {
    const doc = JSON.parse(threeTier);
    delete doc.securityGroups[1].inbound[0].id;
    doc.securityGroups[1].inbound[0].protocol = '6';
    const a = parseScenario(doc);
    const b = parseScenario(doc);
    const ra = a.ok ? a.scenario.securityGroups[1]?.inbound[0] : undefined;
    expect(ra?.id).toMatch(/^sgr-[0-9a-f]{17}$/);
    expect(ra?.protocol).toBe('tcp');
    expect(b.ok && b.scenario.securityGroups[1]?.inbound[0]?.id).toBe(ra?.id);
  });
});

describe('validateScenario', () => {
  it('finds duplicates after canonicalisation, unknown references and foreign groups', () => {
    const s = load();
    const web = s.securityGroups.find((g) => g.id === 'sg-web')!;
    const broken: Scenario = {
      ...s,
      securityGroups: s.securityGroups.map((g) =>
        g === web
          ? {
              ...g,
              inbound: [
                ...g.inbound,
                { id: 'sgr-a', protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '10.0.0.0/16' },
                {
                  id: 'sgr-b',
                  protocol: '6',
                  fromPort: 22,
                  toPort: 22,
                  cidrIpv4: '10.0.9.9/16',
                  description: 'same rule',
                },
                {
                  id: 'sgr-c',
                  protocol: 'tcp',
                  fromPort: 1,
                  toPort: 1,
                  referencedGroupId: 'sg-nope',
                },
                { id: 'sgr-d', protocol: 'tcp', fromPort: 1, toPort: 1, prefixListId: 'pl-nope' },
              ],
            }
          : g,
      ),
    };
    const codes = validateScenario(broken)
      .filter((i) => i.severity === 'error')
      .map((i) => i.code);
    expect(codes).toEqual([
      'InvalidPermission.Duplicate',
      'InvalidGroup.NotFound',
      'InvalidPrefixListID.NotFound',
    ]);
  });
  it('counts quotas per family: a group reference counts in both', () => {
    const s = load();
    const rules = Array.from({ length: 61 }, (_, i) => ({
      id: `sgr-q${i}`,
      protocol: 'tcp',
      fromPort: i + 1,
      toPort: i + 1,
      referencedGroupId: 'sg-alb',
    }));
    const over: Scenario = {
      ...s,
      securityGroups: s.securityGroups.map((g) =>
        g.id === 'sg-web' ? { ...g, inbound: rules } : g,
      ),
    };
    const quota = validateScenario(over).filter(
      (i) => i.code === 'RulesPerSecurityGroupLimitExceeded',
    );
    expect(quota).toHaveLength(2);
  });
});

describe('edits refuse what AWS refuses', () => {
  it('deleting an attached or referenced group names its dependants; the default group cannot go', () => {
    const s = load();
    const web = deleteGroup(s, 'sg-web');
    expect(web.ok).toBe(false);
    expect(!web.ok && web.issue.code).toBe('DependencyViolation');
    expect(!web.ok && web.issue.message).toContain('attached to i-web-a');
    expect(!web.ok && web.issue.message).toContain(
      'referenced by sg-alb outbound rule sgr-0alb000000toweb',
    );
    expect(deleteGroup(s, 'sg-default')).toMatchObject({
      ok: false,
      issue: { code: 'CannotDelete' },
    });
  });
  it('a new group has AWS defaults; its name is checked', () => {
    const s = load();
    const r = createGroup(s, { name: 'cache', description: 'Redis', vpcId: 'vpc-shop' });
    expect(r.ok).toBe(true);
    const g = r.ok ? r.scenario.securityGroups.find((x) => x.id === r.value) : undefined;
    expect(g?.inbound).toEqual([]);
    expect(g?.outbound.map((x) => x.cidrIpv4 ?? x.cidrIpv6)).toEqual(['0.0.0.0/0', '::/0']);
    expect(createGroup(s, { name: 'WEB', description: 'x', vpcId: 'vpc-shop' })).toMatchObject({
      ok: false,
      issue: { code: 'InvalidGroup.Duplicate' },
    });
    expect(createGroup(s, { name: 'sg-x', description: 'x', vpcId: 'vpc-shop' })).toMatchObject({
      ok: false,
      issue: { code: 'InvalidParameterValue' },
    });
  });
  it('1 to 5 groups per interface', () => {
    const s = load();
    expect(setInstanceGroups(s, 'i-web-a', [])).toMatchObject({
      ok: false,
      issue: { code: 'MissingParameter' },
    });
    const six = ['sg-default', 'sg-alb', 'sg-web', 'sg-db', 'sg-bastion', 'sg-x'];
    expect(setInstanceGroups(s, 'i-web-a', six)).toMatchObject({
      ok: false,
      issue: { code: 'SecurityGroupsPerInstanceLimitExceeded' },
    });
  });
  it('a new instance gets the next free address of its subnet (AWS reserves the first four)', () => {
    const s = load();
    const r = addInstance(s, {
      name: 'web-c',
      subnetId: 'subnet-app-a',
      securityGroupIds: ['sg-web'],
    });
    expect(r.ok && r.scenario.instances.at(-1)?.privateIp).toBe('10.0.11.4');
  });
  it('rules get new ids; a duplicated rule is flagged as a duplicate until edited', () => {
    const s = load();
    const added = addRule(s, 'sg-db', 'inbound', {
      protocol: 'tcp',
      fromPort: 6379,
      toPort: 6379,
      referencedGroupId: 'sg-web',
    });
    expect(added.ok && added.value).toMatch(/^sgr-/);
    const dup = duplicateRule(s, 'sg-db', 'inbound', 'sgr-0db00000fromweb');
    expect(dup.ok).toBe(true);
    expect(
      dup.ok &&
        validateScenario(dup.scenario).some((i) => i.code === 'InvalidPermission.Duplicate'),
    ).toBe(true);
  });
});

describe('stranger documents', () => {
  it('generates rule ids in linear time when group ids repeat, and reports the repeat once', async () => {
    const { largeScenario } = await import('./large-scenario');
    const big = largeScenario({ instances: 20, groups: 1000, rulesPerGroup: 60 });
    const same = {
      ...big,
      securityGroups: big.securityGroups.map((g) => ({
        ...g,
        id: 'sg-same',
        inbound: g.inbound.map(({ id: _id, ...r }) => r),
        outbound: g.outbound.map(({ id: _id, ...r }) => r),
      })),
    };
    const t = performance.now();
    const r = parseScenario(JSON.stringify(same));
    expect(performance.now() - t).toBeLessThan(3000); // was 40.9 s: quadratic id retries
    expect(r.ok).toBe(true);
    const ids = r.ok ? r.scenario.securityGroups.flatMap((g) => g.inbound.map((x) => x.id)) : [];
    expect(new Set(ids).size).toBe(ids.length);
    const dup = r.issues.filter((i) => i.code === 'DuplicateId');
    expect(dup).toHaveLength(1);
    expect(dup[0]?.message).toMatch(/and 998 more items use it too/);
  });

  it('reports a JSON syntax error by line and column, and accepts a byte-order mark', () => {
    const r = parseScenario('{\n  "format": "sg-lab.scenario",\n  "version" 1\n}');
    expect(!r.ok && r.issues[0]?.message).toMatch(/line 3, column 13/);
    const bom = parseScenario(`\ufeff${JSON.stringify({ format: 'sg-lab.scenario' })}`);
    expect(bom.issues[0]?.code).not.toBe('InvalidJson');
  });
});

describe('a zone taken down and brought back', () => {
  it('is kept with the world, leaves the instances their own state, and goes away when back', () => {
    const s = load();
    const down = setZoneAvailable(s, 'us-east-1a', false);
    if (!down.ok) throw new Error(down.issue.message);
    expect(down.scenario.unavailableZones).toEqual(['us-east-1a']);
    expect(zoneIsDown(down.scenario, 'us-east-1a')).toBe(true);
    expect(down.scenario.instances).toBe(s.instances);
    const reparsed = parseScenario(JSON.stringify(down.scenario));
    expect(reparsed.ok && reparsed.scenario.unavailableZones).toEqual(['us-east-1a']);
    const back = setZoneAvailable(down.scenario, 'us-east-1a', true);
    expect(back.ok && 'unavailableZones' in back.scenario).toBe(false);
  });

  it('warns of a zone no subnet is in', () => {
    const issues = validateScenario({ ...load(), unavailableZones: ['us-east-1z'] });
    expect(issues.find((i) => i.code === 'UnknownAvailabilityZone')).toMatchObject({
      severity: 'warning',
      path: 'unavailableZones[0]',
    });
  });
});
