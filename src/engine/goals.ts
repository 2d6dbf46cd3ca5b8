/**
 * checkGoals(scenario, goals, sent): whether each goal of a lesson step or a challenge holds.
 * Judged by behaviour, never by matching a reference's rules: a flow goal by its verdict,
 * counts and attachments structurally, `no-finding` through the lint, `sent` against the flows
 * the learner sent and saw.
 */
import {
  endpointLabel,
  noFindingLabel,
  normaliseProtocol,
  serviceLabel,
  type Count,
  type Flow,
  type FlowGoal,
  type Goal,
  type Scenario,
} from '../model';
import { evaluateFlow } from './evaluate';
import { findings, groupFindings } from './findings';

/** A flow the learner sent, with what they saw. */
export interface SentFlow {
  readonly flow: Flow;
  readonly allowed: boolean;
}

export interface GoalState {
  readonly goal: Goal;
  readonly met: boolean;
  /** The goal in words: "Internet → web on TCP 22 is DENIED". */
  readonly label: string;
  /** When not met, what is so instead. */
  readonly detail?: string;
}

const VERDICT = { allow: 'ALLOWED', deny: 'DENIED' } as const;

function countWords(c: Count): string {
  if (c.min !== undefined && c.min === c.max) return `exactly ${c.min}`;
  if (c.min !== undefined && c.max !== undefined) return `${c.min} to ${c.max}`;
  if (c.max !== undefined) return `at most ${c.max}`;
  return `at least ${c.min ?? 0}`;
}
const within = (n: number, c: Count) =>
  (c.min === undefined || n >= c.min) && (c.max === undefined || n <= c.max);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function flowWords(s: Scenario, f: FlowGoal): string {
  const via = f.via ? ` via ${f.via}` : '';
  return `${endpointLabel(s, f.from)} → ${endpointLabel(s, f.to)} on ${serviceLabel(f)}${via}`;
}

/** The same flow: endpoints, protocol and what the goal pins down (port, ICMP, address). */
function sameFlow(goal: FlowGoal, sent: Flow): boolean {
  return (
    goal.from === sent.from &&
    goal.to === sent.to &&
    normaliseProtocol(goal.protocol) === normaliseProtocol(sent.protocol) &&
    (goal.port === undefined || goal.port === sent.port) &&
    (goal.icmpType === undefined || goal.icmpType === sent.icmpType) &&
    (goal.icmpCode === undefined || goal.icmpCode === sent.icmpCode) &&
    (goal.via === undefined || goal.via === (sent.via ?? goal.via))
  );
}

function check(s: Scenario, goal: Goal, sent: readonly SentFlow[]): GoalState {
  switch (goal.kind) {
    case 'flow': {
      const allowed = evaluateFlow(s, goal.flow).allowed;
      const want = goal.flow.expect;
      const label = `${flowWords(s, goal.flow)} is ${VERDICT[want]}`;
      const met = allowed === (want === 'allow');
      return met
        ? { goal, met, label }
        : { goal, met, label, detail: `It is ${allowed ? 'ALLOWED' : 'DENIED'} now.` };
    }
    case 'rules': {
      const g = s.securityGroups.find((x) => x.id === goal.groupId);
      const shown = goal.count.max ?? goal.count.min ?? 0;
      const label = `${g?.name ?? goal.groupId} has ${countWords(goal.count)} ${goal.direction} rule${shown === 1 ? '' : 's'}`;
      if (!g) return { goal, met: false, label, detail: `${goal.groupId} does not exist.` };
      const n = g[goal.direction].length;
      const met = within(n, goal.count);
      return met ? { goal, met, label } : { goal, met, label, detail: `It has ${n} now.` };
    }
    case 'groups': {
      const i = s.instances.find((x) => x.id === goal.instanceId);
      const name = i?.name ?? goal.instanceId;
      const groupName = (id: string) => s.securityGroups.find((g) => g.id === id)?.name ?? id;
      const parts = [
        ...(goal.includes?.length ? [`carries ${goal.includes.map(groupName).join(' and ')}`] : []),
        ...(goal.excludes?.length ? [`not ${goal.excludes.map(groupName).join(' or ')}`] : []),
        ...(goal.count ? [`${countWords(goal.count)} groups`] : []),
      ];
      const label = `${name} ${parts.join(', ') || 'exists'}`;
      if (!i) return { goal, met: false, label, detail: `${goal.instanceId} does not exist.` };
      const has = i.securityGroupIds;
      const missing = (goal.includes ?? []).filter((g) => !has.includes(g));
      const extra = (goal.excludes ?? []).filter((g) => has.includes(g));
      const countOk = !goal.count || within(has.length, goal.count);
      const met = missing.length === 0 && extra.length === 0 && countOk;
      if (met) return { goal, met, label };
      const detail = [
        ...(missing.length ? [`${missing.map(groupName).join(', ')} not attached`] : []),
        ...(extra.length ? [`${extra.map(groupName).join(', ')} still attached`] : []),
        ...(!countOk ? [`it carries ${plural(has.length, 'group')}`] : []),
      ].join('; ');
      return { goal, met, label, detail: `${detail.charAt(0).toUpperCase()}${detail.slice(1)}.` };
    }
    case 'no-finding': {
      const list = goal.groupId ? groupFindings(s, goal.groupId) : findings(s);
      const hits = list.filter((f) => f.code === goal.code);
      const where = goal.groupId
        ? ` in ${s.securityGroups.find((g) => g.id === goal.groupId)?.name ?? goal.groupId}`
        : '';
      const label = `${noFindingLabel(goal.code)}${where}`;
      return hits.length === 0
        ? { goal, met: true, label }
        : { goal, met: false, label, detail: hits[0]?.title ?? '' };
    }
    case 'sent': {
      const want = goal.result ? ` and see it ${VERDICT[goal.result]}` : '';
      const label = `Send ${flowWords(s, goal.flow)}${want}`;
      const hit = sent.some(
        (x) =>
          sameFlow(goal.flow, x.flow) &&
          (goal.result === undefined || x.allowed === (goal.result === 'allow')),
      );
      return hit
        ? { goal, met: true, label }
        : { goal, met: false, label, detail: 'Not sent yet.' };
    }
  }
}

export function checkGoals(
  scenario: Scenario,
  goals: readonly Goal[],
  sent: readonly SentFlow[] = [],
): GoalState[] {
  return goals.map((g) => check(scenario, g, sent));
}
