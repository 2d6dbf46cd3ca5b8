/**
 * Lessons and challenges as data (scenario-format.md, "Lessons and challenges"): a start, steps
 * with goals, hints, a predict-first moment, and a reference solution. Read strictly, with a JSON
 * path for every problem, and never throwing: a challenge arrives in a stranger's link.
 */
import { error, hasErrors, type Issue } from './issue';
import { isRecord, readJson } from './json-text';
import { parseFlow } from './parse-flow';
import { parseScenario } from './parse-scenario';
import type { Direction, Expectation, Flow, Scenario } from './types';

export const LESSON_FORMAT = 'sg-lab.lesson';
export const CHALLENGE_FORMAT = 'sg-lab.challenge';

export type FlowGoal = Omit<Expectation, 'expect'>;

export interface Count {
  readonly min?: number;
  readonly max?: number;
}

export type Goal =
  | { readonly kind: 'flow'; readonly flow: Expectation }
  | {
      readonly kind: 'rules';
      readonly groupId: string;
      readonly direction: Direction;
      readonly count: Count;
    }
  | {
      readonly kind: 'groups';
      readonly instanceId: string;
      readonly count?: Count;
      readonly includes?: readonly string[];
      readonly excludes?: readonly string[];
    }
  | { readonly kind: 'no-finding'; readonly code: string; readonly groupId?: string }
  | { readonly kind: 'sent'; readonly flow: FlowGoal; readonly result?: 'allow' | 'deny' };

export interface Predict {
  readonly flow: FlowGoal;
  readonly answer: 'allow' | 'deny';
  readonly why: string;
}

export interface LessonStep {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly task?: string;
  readonly goals: readonly Goal[];
  readonly hints?: readonly string[];
  readonly solution?: Scenario;
  readonly predict?: Predict;
}

export interface Lesson {
  readonly format: typeof LESSON_FORMAT;
  readonly version: 1;
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly covers: readonly string[];
  readonly scenario: Scenario;
  readonly steps: readonly LessonStep[];
  readonly solution: Scenario;
}

export interface Challenge {
  readonly format: typeof CHALLENGE_FORMAT;
  readonly version: 1;
  readonly title: string;
  readonly text?: string;
  readonly scenario: Scenario;
  readonly goals: readonly Goal[];
  readonly hideGoalsUntilChecked?: boolean;
}

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly Issue[] };

type Obj = Record<string, unknown>;
const at = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/** Collects problems by path while one document is read. */
class Reader {
  readonly issues: Issue[] = [];
  fail(path: string, message: string): undefined {
    this.issues.push(error('InvalidShape', path, `${path || 'The document'} ${message}.`));
    return undefined;
  }
  str(o: Obj, key: string, path: string, optional = false): string | undefined {
    const v = o[key];
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string' || (!optional && v.trim() === ''))
      return this.fail(at(path, key), 'must be a text');
    if (v.length > 20_000) return this.fail(at(path, key), 'is longer than 20,000 characters');
    return v;
  }
  list(o: Obj, key: string, path: string, optional = false): unknown[] | undefined {
    const v = o[key];
    if (v === undefined && optional) return undefined;
    if (!Array.isArray(v)) return this.fail(at(path, key), 'must be a list');
    if (v.length > 500) return this.fail(at(path, key), 'has more than 500 items');
    return v;
  }
  strings(o: Obj, key: string, path: string, optional = false): string[] | undefined {
    const v = this.list(o, key, path, optional);
    if (!v) return undefined;
    if (!v.every((x) => typeof x === 'string'))
      return this.fail(at(path, key), 'must be a list of texts');
    return v as string[];
  }
  scenario(v: unknown, path: string): Scenario | undefined {
    const r = parseScenario(v);
    const errors = r.issues.filter((i) => i.severity === 'error');
    if (!r.ok || hasErrors(errors)) {
      for (const i of errors.slice(0, 20))
        this.issues.push({ ...i, path: i.path ? `${path}.${i.path}` : path });
      return undefined;
    }
    return r.scenario;
  }
  flow(v: unknown, path: string, expect: 'required' | 'none'): Flow | undefined {
    const r = parseFlow(v, path);
    if (!r.ok) {
      this.issues.push(...r.issues);
      return undefined;
    }
    if (expect === 'required' && !r.flow.expect)
      return this.fail(`${path}.expect`, 'must be "allow" or "deny"');
    return r.flow;
  }
  count(v: unknown, path: string): Count | undefined {
    if (!isRecord(v)) return this.fail(path, 'must be an object with min and/or max');
    const out: { min?: number; max?: number } = {};
    for (const k of ['min', 'max'] as const) {
      const x = v[k];
      if (x === undefined) continue;
      if (typeof x !== 'number' || !Number.isInteger(x) || x < 0)
        return this.fail(`${path}.${k}`, 'must be a whole number from 0');
      out[k] = x;
    }
    return out;
  }
}

function readGoal(r: Reader, v: unknown, path: string): Goal | undefined {
  if (!isRecord(v)) return r.fail(path, 'must be an object');
  switch (v.kind) {
    case 'flow': {
      const flow = r.flow(v.flow, `${path}.flow`, 'required');
      return flow ? { kind: 'flow', flow: flow as Expectation } : undefined;
    }
    case 'sent': {
      const flow = r.flow(v.flow, `${path}.flow`, 'none');
      if (v.result !== undefined && v.result !== 'allow' && v.result !== 'deny')
        return r.fail(`${path}.result`, 'must be "allow" or "deny"');
      if (!flow) return undefined;
      const { expect: _e, ...bare } = flow;
      return {
        kind: 'sent',
        flow: bare,
        ...(v.result ? { result: v.result as 'allow' | 'deny' } : {}),
      };
    }
    case 'rules': {
      const groupId = r.str(v, 'groupId', path);
      if (v.direction !== 'inbound' && v.direction !== 'outbound')
        return r.fail(`${path}.direction`, 'must be "inbound" or "outbound"');
      const count = r.count(v.count, `${path}.count`);
      return groupId && count
        ? { kind: 'rules', groupId, direction: v.direction, count }
        : undefined;
    }
    case 'groups': {
      const instanceId = r.str(v, 'instanceId', path);
      const count = v.count === undefined ? undefined : r.count(v.count, `${path}.count`);
      const includes = r.strings(v, 'includes', path, true);
      const excludes = r.strings(v, 'excludes', path, true);
      if (!instanceId) return undefined;
      return {
        kind: 'groups',
        instanceId,
        ...(count ? { count } : {}),
        ...(includes ? { includes } : {}),
        ...(excludes ? { excludes } : {}),
      };
    }
    case 'no-finding': {
      const code = r.str(v, 'code', path);
      const groupId = r.str(v, 'groupId', path, true);
      return code ? { kind: 'no-finding', code, ...(groupId ? { groupId } : {}) } : undefined;
    }
    default:
      return r.fail(
        `${path}.kind`,
        'must be one of "flow", "rules", "groups", "no-finding", "sent"',
      );
  }
}

function readGoals(r: Reader, o: Obj, path: string): Goal[] {
  return (r.list(o, 'goals', path) ?? []).flatMap(
    (g, i) => readGoal(r, g, `${at(path, 'goals')}[${i}]`) ?? [],
  );
}

function readStep(r: Reader, v: unknown, path: string): LessonStep | undefined {
  if (!isRecord(v)) return r.fail(path, 'must be an object');
  const id = r.str(v, 'id', path);
  const title = r.str(v, 'title', path);
  const text = r.str(v, 'text', path);
  const task = r.str(v, 'task', path, true);
  const goals = readGoals(r, v, path);
  const hints = r.strings(v, 'hints', path, true);
  const solution =
    v.solution === undefined ? undefined : r.scenario(v.solution, `${path}.solution`);
  let predict: Predict | undefined;
  if (v.predict !== undefined) {
    const p = v.predict;
    if (!isRecord(p)) r.fail(`${path}.predict`, 'must be an object');
    else {
      const flow = r.flow(p.flow, `${path}.predict.flow`, 'none');
      const why = r.str(p, 'why', `${path}.predict`);
      if (p.answer !== 'allow' && p.answer !== 'deny')
        r.fail(`${path}.predict.answer`, 'must be "allow" or "deny"');
      else if (flow && why) {
        const { expect: _e, ...bare } = flow;
        predict = { flow: bare, answer: p.answer, why };
      }
    }
  }
  if (!id || !title || text === undefined) return undefined;
  return {
    id,
    title,
    text,
    goals,
    ...(task ? { task } : {}),
    ...(hints ? { hints } : {}),
    ...(solution ? { solution } : {}),
    ...(predict ? { predict } : {}),
  };
}

function start(input: unknown, format: string, what: string): { r: Reader; o?: Obj } {
  const r = new Reader();
  let value = input;
  if (typeof input === 'string') {
    const read = readJson(input);
    if (!read.ok) {
      r.issues.push(error('InvalidJson', '', `The file is not valid JSON: ${read.message}.`));
      return { r };
    }
    value = read.value;
  }
  if (!isRecord(value) || value.format !== format) {
    r.issues.push(
      error('InvalidShape', 'format', `This is not ${what}: "format" must be "${format}".`),
    );
    return { r };
  }
  if (value.version !== 1) {
    r.issues.push(
      error(
        'NewerVersion',
        'version',
        typeof value.version === 'number' && value.version > 1
          ? `This ${what.replace(/^an? /, '')} is version ${value.version}, newer than this SG Lab reads (1).`
          : '"version" must be 1.',
      ),
    );
    return { r };
  }
  return { r, o: value };
}

export function parseLesson(input: unknown): Parsed<Lesson> {
  const { r, o } = start(input, LESSON_FORMAT, 'an SG Lab lesson');
  if (!o) return { ok: false, issues: r.issues };
  const id = r.str(o, 'id', '');
  const title = r.str(o, 'title', '');
  const summary = r.str(o, 'summary', '');
  const covers = r.strings(o, 'covers', '');
  const scenario = r.scenario(o.scenario, 'scenario');
  const solution = r.scenario(o.solution, 'solution');
  const steps = (r.list(o, 'steps', '') ?? []).flatMap(
    (s, i) => readStep(r, s, `steps[${i}]`) ?? [],
  );
  if (steps.length === 0 && r.issues.length === 0) r.fail('steps', 'must hold at least one step');
  if (r.issues.length > 0 || !id || !title || !summary || !covers || !scenario || !solution)
    return { ok: false, issues: r.issues };
  return {
    ok: true,
    value: {
      format: LESSON_FORMAT,
      version: 1,
      id,
      title,
      summary,
      covers,
      scenario,
      steps,
      solution,
    },
  };
}

export function parseChallenge(input: unknown): Parsed<Challenge> {
  const { r, o } = start(input, CHALLENGE_FORMAT, 'an SG Lab challenge');
  if (!o) return { ok: false, issues: r.issues };
  const title = r.str(o, 'title', '');
  const text = r.str(o, 'text', '', true);
  const scenario = r.scenario(o.scenario, 'scenario');
  const goals = readGoals(r, o, '');
  if (o.hideGoalsUntilChecked !== undefined && typeof o.hideGoalsUntilChecked !== 'boolean')
    r.fail('hideGoalsUntilChecked', 'must be true or false');
  if (goals.length === 0 && r.issues.length === 0) r.fail('goals', 'must hold at least one goal');
  if (r.issues.length > 0 || !title || !scenario) return { ok: false, issues: r.issues };
  return {
    ok: true,
    value: {
      format: CHALLENGE_FORMAT,
      version: 1,
      title,
      ...(text ? { text } : {}),
      scenario,
      goals,
      ...(o.hideGoalsUntilChecked === true ? { hideGoalsUntilChecked: true } : {}),
    },
  };
}
