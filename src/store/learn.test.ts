/** A lesson and a challenge driven through the store, as the lesson panel drives them. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addRule, type Lesson } from '../model';
import { parseLesson } from '../model/lesson';
import { activityGoals, createAppStore, type ProgressRecord, type ProgressStore } from '.';

function lesson(id: string): Lesson {
  const file = path.resolve(import.meta.dirname, `../content/lessons/${id}.json`);
  const r = parseLesson(readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error(`${id} does not read`);
  return r.value;
}

function memoryProgress(): ProgressStore & { saved: ProgressRecord | undefined } {
  const store = {
    saved: undefined as ProgressRecord | undefined,
    load: async () => store.saved,
    save: async (r: ProgressRecord) => {
      store.saved = r;
      return true;
    },
  };
  return store;
}

const met = (s: Parameters<typeof activityGoals>[0]) => activityGoals(s).map((g) => g.met);

describe('a lesson in the store', () => {
  it('lesson 1: predict, edit, goals turn live, next, progress kept', () => {
    const progress = memoryProgress();
    const store = createAppStore(undefined, { progress });
    const l1 = lesson('01-virtual-firewall');
    store.getState().startLesson(l1);
    expect(store.getState().scenario.name).toBe('Lesson 1: a virtual firewall');
    expect(met(store.getState())).toEqual([false]);
    // the prediction sends its flow: the sent goal holds, the trace shows it
    store.getState().predict('allow');
    expect(store.getState().history).toHaveLength(1);
    expect(store.getState().inspected?.flow.port).toBe(80);
    expect(met(store.getState())).toEqual([true]);
    expect(progress.saved?.lessons['01-virtual-firewall']?.predictions.knock).toBe('wrong');
    store.getState().nextStep();
    expect(store.getState().activity).toMatchObject({ kind: 'lesson', step: 1 });
    expect(met(store.getState())).toEqual([false, true]);
    store.getState().edit('rules/add', 'Add HTTP', (s) =>
      addRule(s, 'sg-web', 'inbound', {
        protocol: 'tcp',
        fromPort: 80,
        toPort: 80,
        cidrIpv4: '0.0.0.0/0',
      }),
    );
    expect(met(store.getState())).toEqual([true, true]);
    store.getState().nextStep();
    expect(progress.saved).toMatchObject({
      current: '01-virtual-firewall',
      lessons: {
        '01-virtual-firewall': { step: 2, done: ['knock', 'open-http'], completed: false },
      },
    });
  });

  it('show solution is one edit that undo takes back; reset goes to the start', () => {
    const store = createAppStore();
    const l2 = lesson('02-rule-components');
    store.getState().startLesson(l2);
    store.getState().showSolution();
    expect(met(store.getState()).every(Boolean)).toBe(true);
    store.getState().undo();
    expect(met(store.getState()).some((m) => !m)).toBe(true);
    store.getState().showSolution();
    store.getState().nextStep();
    store.getState().resetLesson();
    expect(store.getState().activity).toMatchObject({ step: 0 });
    expect(store.getState().scenario.securityGroups[0]?.inbound).toHaveLength(0);
  });

  it('a reload goes on at the saved step, on the world that was autosaved', async () => {
    const progress = memoryProgress();
    const first = createAppStore(undefined, { progress });
    const l = lesson('03-inbound-rules');
    first.getState().startLesson(l);
    first.getState().nextStep();
    const again = createAppStore(first.getState().scenario, { progress });
    await new Promise((r) => setTimeout(r, 0));
    expect(again.getState().progress.current).toBe('03-inbound-rules');
    again.getState().resumeLesson(l);
    expect(again.getState().activity).toMatchObject({ kind: 'lesson', step: 1 });
  });

  it('opening another scenario ends the lesson', () => {
    const store = createAppStore();
    store.getState().startLesson(lesson('01-virtual-firewall'));
    store.getState().load(lesson('02-rule-components').scenario, { label: 'something else' });
    expect(store.getState().activity).toBeNull();
    expect(store.getState().progress.current).toBeNull();
  });
});

describe('a challenge in the store', () => {
  it('goals live, Check marks it done only when all hold', () => {
    const l = lesson('12-least-privilege');
    const store = createAppStore();
    store.getState().startChallenge({
      format: 'sg-lab.challenge',
      version: 1,
      title: 'Close SSH',
      scenario: l.scenario,
      goals: l.steps[0]?.goals ?? [],
      hideGoalsUntilChecked: true,
    });
    store.getState().checkChallenge();
    expect(store.getState().activity).toMatchObject({
      kind: 'challenge',
      checked: true,
      doneAt: null,
    });
    store.getState().replaceWorld('solve', l.steps[0]?.solution ?? l.scenario);
    store.getState().checkChallenge();
    const a = store.getState().activity;
    expect(a?.kind === 'challenge' && a.doneAt).toBeGreaterThan(0);
  });
});

describe('challenge and lesson files', () => {
  const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  it('a challenge file starts the challenge; a lesson file the lesson; a broken one says where', async () => {
    const l = lesson('06-allow-only');
    const store = createAppStore();
    const challenge = {
      format: 'sg-lab.challenge',
      version: 1,
      title: 'Keep the stranger out',
      scenario: l.scenario,
      goals: l.steps[1]?.goals,
    };
    expect(await store.getState().openFiles([{ name: 'c.json', bytes: bytes(challenge) }])).toBe(
      true,
    );
    expect(store.getState().activity).toMatchObject({
      kind: 'challenge',
      challenge: { title: 'Keep the stranger out' },
    });
    expect(await store.getState().openFiles([{ name: 'l.json', bytes: bytes(l) }])).toBe(true);
    expect(store.getState().activity).toMatchObject({ kind: 'lesson', step: 0 });
    const before = store.getState().scenario;
    expect(
      await store
        .getState()
        .openFiles([{ name: 'bad.json', bytes: bytes({ ...challenge, goals: [{ kind: 'x' }] }) }]),
    ).toBe(false);
    expect(store.getState().notice?.text).toMatch(/bad\.json was not opened: goals\[0\]\.kind/);
    expect(store.getState().scenario).toBe(before);
  });
});
