/**
 * Properties of the engine over random scenarios (fast-check): agreement with the straightforward
 * reference evaluator, the reachability matrix agreeing with evaluateFlow (also after an edit),
 * monotonicity, order invariance and a JSON round trip.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addNaclEntry,
  addRule,
  isAclEntryRef,
  parseScenario,
  removeNaclEntry,
  removeRule,
  type Flow,
  type FlowVerdict,
  type Scenario,
} from '../model';
import {
  aclWorldWithFlows,
  arbitraryEntry,
  lbWorldWithFlows,
  arbitraryRule,
  buildEntry,
  buildRule,
  scenarioWithFlows as anyWorld,
} from '../test-support/arbitrary-scenario';

/** Every kind of world, and worlds where the network ACLs decide nearly every flow. */
const scenarioWithFlows = fc.oneof(anyWorld, aclWorldWithFlows, lbWorldWithFlows);
import { evaluateFlow } from './evaluate';
import { computeReachability } from './reachability';
import { referenceAllowed } from './reference';

const RUNS = { numRuns: 300 };

const describeFlow = (f: Flow) => JSON.stringify(f);

/** What must not change: the verdict, where it stopped and which rules admitted each step. */
function essence(v: FlowVerdict) {
  return {
    allowed: v.allowed,
    blockedAt: v.blockedAt,
    rules: v.steps
      .filter((s) => s.kind !== 'response')
      .flatMap((s) =>
        s.matchedRules.map((m) =>
          isAclEntryRef(m) ? `${m.ownerId}#${m.ruleNumber}` : `${m.groupId}/${m.ruleId}`,
        ),
      )
      .sort(),
  };
}

/** Every cell of the matrix of several services is evaluateFlow's verdict for that pair. */
function agree(s: Scenario): void {
  const services = [
    { protocol: 'tcp', port: 443 },
    { protocol: 'tcp', port: 22 },
    { protocol: 'udp', port: 1500 },
    { protocol: 'icmp', icmpType: 8, icmpCode: 0 },
    { protocol: '50' },
  ];
  for (const service of services) {
    const m = computeReachability(s, service);
    const truth = m.endpoints.map((from) =>
      m.endpoints.map((to) => evaluateFlow(s, { ...service, from, to }).allowed),
    );
    // columns first (a cell read alone), then rows (a row composed once, then read)
    m.endpoints.forEach((to, j) =>
      m.endpoints.forEach((from, i) =>
        expect(m.isAllowed(i, j), `${from} → ${to} ${JSON.stringify(service)}`).toBe(truth[i]?.[j]),
      ),
    );
    m.endpoints.forEach((from, i) =>
      m.endpoints.forEach((to, j) =>
        expect(m.isAllowed(i, j), `${from} → ${to} ${JSON.stringify(service)}`).toBe(truth[i]?.[j]),
      ),
    );
    // a copy no trace has compiled: the matrix compiles only the rules that may admit the service
    const fresh = computeReachability(structuredClone(s), service);
    m.endpoints.forEach((from, i) =>
      m.endpoints.forEach((to, j) =>
        expect(fresh.isAllowed(i, j), `fresh: ${from} → ${to} ${JSON.stringify(service)}`).toBe(
          truth[i]?.[j],
        ),
      ),
    );
    m.endpoints.forEach((e, k) => {
      expect(m.reachesCount(k), `${e} reaches`).toBe(truth[k]?.filter(Boolean).length);
      expect(m.reachedByCount(k), `${e} reached by`).toBe(truth.filter((row) => row[k]).length);
    });
  }
}

describe('engine properties', () => {
  it('evaluateFlow agrees with the reference evaluator', () => {
    fc.assert(
      fc.property(scenarioWithFlows, ([s, flows]) => {
        for (const f of flows) {
          const expected = referenceAllowed(s, f);
          if (expected === undefined) continue;
          expect(evaluateFlow(s, f).allowed, describeFlow(f)).toBe(expected);
        }
      }),
      RUNS,
    );
  });

  it('the reachability matrix agrees with evaluateFlow on every pair, before and after an edit', () => {
    fc.assert(
      fc.property(
        scenarioWithFlows,
        arbitraryRule,
        fc.nat(),
        fc.boolean(),
        ([s], spec, pick, inbound) => {
          agree(s);
          const group = s.securityGroups[pick % s.securityGroups.length];
          if (!group) return;
          const direction = inbound ? 'inbound' : 'outbound';
          const added = addRule(
            s,
            group.id,
            direction,
            buildRule(spec, s.securityGroups, group.vpcId, 'sgr-new'),
          );
          if (!added.ok) return;
          agree(added.scenario);
          const removed = removeRule(added.scenario, group.id, direction, 'sgr-new');
          if (removed.ok) agree(removed.scenario);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('adding a security-group rule never turns an allowed flow into a denied one (whatever the ACLs)', () => {
    fc.assert(
      fc.property(
        scenarioWithFlows,
        arbitraryRule,
        fc.nat(),
        fc.boolean(),
        ([s, flows], spec, pick, inbound) => {
          const group = s.securityGroups[pick % s.securityGroups.length];
          if (!group) return;
          const rule = buildRule(spec, s.securityGroups, group.vpcId, 'sgr-added');
          const r = addRule(s, group.id, inbound ? 'inbound' : 'outbound', rule);
          if (!r.ok) return;
          for (const f of flows) {
            if (evaluateFlow(s, f).allowed)
              expect(evaluateFlow(r.scenario, f).allowed, describeFlow(f)).toBe(true);
          }
        },
      ),
      RUNS,
    );
  });

  it("the order of rules, groups, ACL entries, ACLs and a balancer's targets, subnets and listeners never changes a verdict", () => {
    const reversed = (s: Scenario): Scenario => ({
      ...s,
      securityGroups: s.securityGroups
        .map((g) => ({
          ...g,
          inbound: [...g.inbound].reverse(),
          outbound: [...g.outbound].reverse(),
        }))
        .reverse(),
      instances: s.instances.map((i) => ({
        ...i,
        securityGroupIds: [...i.securityGroupIds].reverse(),
      })),
      // a balancer's targets, subnets and listeners are sets: their order never decides (§10.4)
      loadBalancers: (s.loadBalancers ?? []).map((lb) => ({
        ...lb,
        subnetIds: [...lb.subnetIds].reverse(),
        targetInstanceIds: [...lb.targetInstanceIds].reverse(),
        listeners: [...lb.listeners].reverse(),
      })),
      // an ACL's entries are read by number, never by their place in the list
      ...(s.networkAcls
        ? {
            networkAcls: s.networkAcls
              .map((a) => ({
                ...a,
                inbound: [...a.inbound].reverse(),
                outbound: [...a.outbound].reverse(),
              }))
              .reverse(),
          }
        : {}),
    });
    fc.assert(
      fc.property(scenarioWithFlows, ([s, flows]) => {
        const r = reversed(s);
        for (const f of flows)
          expect(essence(evaluateFlow(r, f)), describeFlow(f)).toEqual(essence(evaluateFlow(s, f)));
      }),
      RUNS,
    );
  });

  it('an allow entry numbered above every entry never turns an allowed flow into a denied one', () => {
    fc.assert(
      fc.property(
        scenarioWithFlows,
        arbitraryEntry,
        fc.nat(),
        fc.boolean(),
        ([s, flows], spec, pick, inbound) => {
          const acl = s.networkAcls?.[pick % s.networkAcls.length];
          if (!acl) return;
          const direction = inbound ? 'inbound' : 'outbound';
          const top = Math.max(0, ...acl[direction].map((e) => e.ruleNumber));
          const r = addNaclEntry(
            s,
            acl.id,
            direction,
            buildEntry({ ...spec, allow: true }, top + 1),
          );
          if (!r.ok) return;
          for (const f of flows)
            if (evaluateFlow(s, f).allowed)
              expect(evaluateFlow(r.scenario, f).allowed, describeFlow(f)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('the matrix agrees with evaluateFlow after an ACL entry is added and removed', () => {
    fc.assert(
      fc.property(
        scenarioWithFlows,
        arbitraryEntry,
        fc.nat(),
        fc.nat(40),
        fc.boolean(),
        ([s], spec, pick, ruleNumber, inbound) => {
          const acl = s.networkAcls?.[pick % s.networkAcls.length];
          if (!acl) return;
          agree(s);
          const direction = inbound ? 'inbound' : 'outbound';
          const added = addNaclEntry(s, acl.id, direction, buildEntry(spec, ruleNumber + 1));
          if (!added.ok) return;
          agree(added.scenario);
          const removed = removeNaclEntry(added.scenario, acl.id, direction, ruleNumber + 1);
          if (removed.ok) agree(removed.scenario);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a JSON round trip never changes a verdict', () => {
    fc.assert(
      fc.property(scenarioWithFlows, ([s, flows]) => {
        const parsed = parseScenario(JSON.stringify(s));
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        for (const f of flows)
          expect(evaluateFlow(parsed.scenario, f), describeFlow(f)).toEqual(evaluateFlow(s, f));
      }),
      RUNS,
    );
  });
});
