import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addRule, parseScenario, removeRule, renameScenario, type Scenario } from '../model';
import {
  createAppStore,
  flowVerdict,
  MemoryAutosave,
  UNDO_LIMIT,
  type RecentEntry,
  type RecentStore,
} from '.';

function threeTier(): Scenario {
  const file = path.resolve(import.meta.dirname, '../content/scenarios/three-tier.json');
  const parsed = parseScenario(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error('three-tier.json does not parse');
  return parsed.scenario;
}

const sshFromWorld = {
  protocol: 'tcp',
  fromPort: 22,
  toPort: 22,
  cidrIpv4: '0.0.0.0/0',
} as const;

/** Edit number i: a distinct TCP rule on sg-web, each its own undo step. */
function addNthRule(store: ReturnType<typeof createAppStore>, i: number) {
  store.getState().edit('rules/add', `Add rule ${i}`, (s) =>
    addRule(s, 'sg-web', 'inbound', {
      protocol: 'tcp',
      fromPort: 1000 + i,
      toPort: 1000 + i,
      cidrIpv4: '10.0.0.0/16',
    }),
  );
}

describe('app store', () => {
  it('applies an edit at once and names what it changed for whom', () => {
    const store = createAppStore(threeTier());
    const r = store
      .getState()
      .edit('rules/add', 'Add SSH from anywhere to bastion', (s) =>
        addRule(s, 'sg-bastion', 'inbound', sshFromWorld),
      );
    expect(r.ok).toBe(true);
    const { scenario, notice } = store.getState();
    expect(scenario.securityGroups.find((g) => g.id === 'sg-bastion')?.inbound).toHaveLength(2);
    expect(notice?.text).toBe(
      'Add SSH from anywhere to bastion. Affects 1 instance: bastion — SSH from the internet now allowed; expectation “Nobody else can” now fails.',
    );
    expect(notice?.tone).toBe('warning');
  });

  it('names every instance an edit reaches and the expectations it turns', () => {
    const store = createAppStore(threeTier());
    store
      .getState()
      .edit('rules/remove', 'Remove HTTPS from the ALB', (s) =>
        removeRule(
          s,
          'sg-alb',
          'inbound',
          s.securityGroups.find((g) => g.id === 'sg-alb')?.inbound[0]?.id ?? '',
        ),
      );
    expect(store.getState().notice?.text).toMatch(
      /^Remove HTTPS from the ALB\. Affects no instance — HTTPS from the internet \(via shop-alb\) no longer allowed on web-a, web-b; expectation “Customers reach the shop over HTTPS” now fails\.$/,
    );
  });

  it('refuses an edit AWS would refuse, keeps the document and says why', () => {
    const store = createAppStore(threeTier());
    const before = store.getState().scenario;
    const r = store
      .getState()
      .edit('rules/remove', 'Remove a rule', (s) => removeRule(s, 'sg-web', 'inbound', 'sgr-nope'));
    expect(r.ok).toBe(false);
    expect(store.getState().scenario).toBe(before);
    expect(store.getState().notice).toMatchObject({ tone: 'error' });
    expect(store.temporal.getState().pastStates).toHaveLength(0);
  });

  it('undoes and redoes at least 100 edits, and ui changes are not undo steps', () => {
    const store = createAppStore(threeTier());
    const first = store.getState().scenario;
    const seen = [first];
    for (let i = 0; i < 120; i++) {
      addNthRule(store, i);
      store.getState().select({ kind: 'group', id: 'sg-web' });
      store.getState().setGroupTab(i % 2 ? 'inbound' : 'outbound');
      seen.push(store.getState().scenario);
    }
    expect(UNDO_LIMIT).toBeGreaterThanOrEqual(100);
    for (let i = 120; i > 0; i--) {
      expect(store.getState().scenario).toBe(seen[i]);
      store.getState().undo();
    }
    expect(store.getState().scenario).toBe(first);
    expect(store.getState().notice?.text).toBe('Undid: Add rule 0.');
    store.getState().undo(); // nothing left: no change
    expect(store.getState().scenario).toBe(first);
    store.getState().redo();
    expect(store.getState().scenario).toBe(seen[1]);
    expect(store.getState().notice?.text).toBe('Redid: Add rule 0.');
  });

  it('says so once when undo history is full and the oldest change drops out', () => {
    const store = createAppStore(threeTier());
    const texts: string[] = [];
    for (let i = 0; i < UNDO_LIMIT + 3; i++) {
      addNthRule(store, i);
      texts.push(store.getState().notice?.text ?? '');
    }
    const told = texts.flatMap((t, i) => (/keeps the last 200 changes/.test(t) ? [i] : []));
    expect(told).toEqual([UNDO_LIMIT]);
    expect(store.temporal.getState().pastStates).toHaveLength(UNDO_LIMIT);
  });

  describe('autosave', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('saves the document after a quiet moment and a new store restores it', () => {
      const storage = new MemoryAutosave();
      const store = createAppStore(threeTier(), { storage, autosaveDelayMs: 300 });
      store
        .getState()
        .edit('rules/add', 'Add SSH', (s) => addRule(s, 'sg-bastion', 'inbound', sshFromWorld));
      expect(storage.current).toBeNull();
      vi.advanceTimersByTime(300);
      expect(storage.current).not.toBeNull();
      const again = createAppStore(threeTier(), { storage: storage.reopened() });
      expect(again.getState().scenario).toEqual(store.getState().scenario);
      expect(again.getState().notice?.text).toBe('Restored your autosaved work.');
    });

    it('flushes at once when asked (the page is being hidden)', () => {
      const storage = new MemoryAutosave();
      const store = createAppStore(threeTier(), { storage, autosaveDelayMs: 10_000 });
      store
        .getState()
        .edit('rules/add', 'Add SSH', (s) => addRule(s, 'sg-bastion', 'inbound', sshFromWorld));
      store.getState().flushAutosave();
      expect(JSON.parse(storage.current ?? '{}').scenario.name).toBe('Three-tier web app');
    });

    const unreadable = '{"format":"sg-lab.autosave","scenario":{"vpcs":3}}';
    const editSsh = (store: ReturnType<typeof createAppStore>) =>
      store
        .getState()
        .edit('rules/add', 'Add SSH', (s) => addRule(s, 'sg-bastion', 'inbound', sshFromWorld));

    it('keeps an unreadable autosave aside before anything may overwrite it, and says so only once it is kept', async () => {
      const storage = new MemoryAutosave(unreadable);
      let keep: (kept: boolean) => void = () => {};
      const kept: string[] = [];
      const store = createAppStore(threeTier(), {
        storage,
        autosaveDelayMs: 0,
        keepAside: (raw) => new Promise((done) => (keep = (ok) => (kept.push(raw), done(ok)))),
        download: () => {},
      });
      expect(store.getState().scenario.name).toBe('Three-tier web app');
      expect(store.getState().notice?.text).toMatch(
        /could not be restored.*Keeping the stored copy aside…/,
      );
      editSsh(store);
      vi.advanceTimersByTime(10);
      expect(storage.current).toBe(unreadable); // held: not overwritten yet
      keep(true);
      await vi.runAllTimersAsync();
      expect(kept).toEqual([unreadable]);
      expect(store.getState().notice?.text).toMatch(/kept aside in this browser's database/);
      expect(storage.current).not.toBe(unreadable); // now autosave writes
    });

    it('never claims a copy was kept when it could not be: autosave waits for the download', async () => {
      const storage = new MemoryAutosave(unreadable);
      const files: [string, string][] = [];
      const store = createAppStore(threeTier(), {
        storage,
        autosaveDelayMs: 0,
        keepAside: () => Promise.reject(new Error('QuotaExceededError')),
        download: (name, text) => void files.push([name, text]),
      });
      await vi.runAllTimersAsync();
      const n = store.getState().notice;
      expect(n?.text).toMatch(/could not be kept aside/);
      expect(n?.text).not.toMatch(/is kept aside/);
      editSsh(store);
      vi.advanceTimersByTime(10);
      expect(storage.current).toBe(unreadable);
      n?.actions?.find((a) => a.label === 'Download the stored copy')?.run();
      expect(files).toEqual([['sg-lab-autosave-kept-aside.json', unreadable]]);
      expect(storage.current).not.toBe(unreadable);
    });

    it('restores the scenario when only a sent flow is bad, leaving that flow out and the original aside', async () => {
      const storage = new MemoryAutosave();
      const good = createAppStore(threeTier(), { storage, autosaveDelayMs: 0 });
      good.getState().send({ from: 'host-you', to: 'i-bastion', protocol: 'tcp', port: 22 });
      editSsh(good);
      vi.advanceTimersByTime(1);
      const doc = JSON.parse(storage.current ?? '{}');
      doc.flows.push({ from: 'a', to: 'b', protocol: 'icmp', icmpCode: { toString: 1 } });
      const kept: string[] = [];
      const again = createAppStore(threeTier(), {
        storage: new MemoryAutosave(JSON.stringify(doc)),
        keepAside: async (raw) => (kept.push(raw), true),
      });
      expect(again.getState().scenario).toEqual(good.getState().scenario);
      expect(again.getState().history.map((h) => h.flow.from)).toEqual(['host-you']);
      expect(again.getState().notice?.text).toMatch(
        /one sent flow did not read: flows\[1\]\.icmpCode must be a whole number/,
      );
      await vi.runAllTimersAsync();
      expect(kept).toHaveLength(1);
    });

    it('reports a full storage once, and keeps working', () => {
      const storage = new MemoryAutosave();
      storage.write = () => {
        const e = new Error('quota');
        e.name = 'QuotaExceededError';
        throw e;
      };
      const store = createAppStore(threeTier(), { storage, autosaveDelayMs: 0 });
      store
        .getState()
        .edit('rules/add', 'Add SSH', (s) => addRule(s, 'sg-bastion', 'inbound', sshFromWorld));
      vi.advanceTimersByTime(1);
      expect(store.getState().notice?.text).toMatch(
        /Autosave failed: the browser storage is full — download your work/,
      );
      expect(
        store.getState().scenario.securityGroups.find((g) => g.id === 'sg-bastion')?.inbound,
      ).toHaveLength(2);
    });

    it('keeps the newest copy at once when the page hides, while a write is still under way', () => {
      const now: string[] = [];
      const started: string[] = [];
      const storage = {
        opened: null,
        write: (raw: string) => (started.push(raw), new Promise<void>(() => {})), // never done
        writeNow: (raw: string) => void now.push(raw),
      };
      const store = createAppStore(threeTier(), { storage, autosaveDelayMs: 0 });
      store.getState().edit('scenario/rename', 'One', (s) => renameScenario(s, 'One'));
      vi.advanceTimersByTime(1);
      store.getState().edit('scenario/rename', 'Two', (s) => renameScenario(s, 'Two'));
      store.getState().flushAutosave();
      expect(now.map((raw) => JSON.parse(raw).scenario.name)).toEqual(['Two']);
      expect(started.map((raw) => JSON.parse(raw).scenario.name)).toEqual(['One']);
      store.getState().flushAutosave(); // hidden again, nothing new: the write under way is kept
      expect(now.map((raw) => JSON.parse(raw).scenario.name)).toEqual(['Two', 'Two']);
    });

    it('writes one copy at a time, the newest, and names a refusal that comes later', async () => {
      const writes: { raw: string; done: (error?: Error) => void }[] = [];
      const storage = {
        opened: null,
        write: (raw: string) =>
          new Promise<void>((resolve, reject) =>
            writes.push({ raw, done: (e) => (e ? reject(e) : resolve()) }),
          ),
      };
      const store = createAppStore(threeTier(), { storage, autosaveDelayMs: 0 });
      const rename = (name: string) =>
        store.getState().edit('scenario/rename', name, (s) => renameScenario(s, name));
      rename('First');
      vi.advanceTimersByTime(1);
      rename('Second');
      vi.advanceTimersByTime(1);
      rename('Third');
      vi.advanceTimersByTime(1);
      expect(writes).toHaveLength(1); // the first is still being written
      writes[0]?.done();
      await vi.runAllTimersAsync();
      expect(writes.map((w) => JSON.parse(w.raw).scenario.name)).toEqual(['First', 'Third']);
      const quota = new Error('quota');
      quota.name = 'QuotaExceededError';
      writes[1]?.done(quota);
      await vi.runAllTimersAsync();
      expect(store.getState().notice?.text).toMatch(/Autosave failed: the browser storage is full/);
    });
  });
});

describe('simulation state', () => {
  it('sends flows into the history, opens connections, and marks what an edit changes', () => {
    const store = createAppStore(threeTier());
    const you = { from: 'host-you', to: 'i-bastion', protocol: 'tcp', port: 22 };
    const world = { from: 'host-internet', to: 'i-bastion', protocol: 'tcp', port: 22 };
    store.getState().send(you);
    store.getState().send(world);
    expect(store.getState().history.map((h) => h.flow)).toEqual([you, world]);
    expect(store.getState().connections()).toHaveLength(1); // only the allowed flow opened one
    expect(store.getState().inspected?.flow).toBe(world);

    store
      .getState()
      .edit('rules/add', 'Add SSH from anywhere', (s) =>
        addRule(s, 'sg-bastion', 'inbound', sshFromWorld),
      );
    const { baseline, scenario } = store.getState();
    expect(baseline).not.toBeNull();
    expect(flowVerdict(baseline as Scenario, world).allowed).toBe(false);
    expect(flowVerdict(scenario, world).allowed).toBe(true);
  });

  it('advances the clock: a tracked TCP connection expires after 5 days idle', () => {
    const store = createAppStore(threeTier());
    store.getState().send({ from: 'host-you', to: 'i-bastion', protocol: 'tcp', port: 22 });
    store.getState().advanceClock(3600);
    expect(store.getState().connections()[0]?.state).toBe('active');
    store.getState().advanceClock(432_000);
    expect(store.getState().clock).toBe(435_600);
    expect(store.getState().connections()[0]?.state).toBe('expired');
  });

  it('autosaves the flows sent and restores them as history', () => {
    vi.useFakeTimers();
    const storage = new MemoryAutosave();
    const store = createAppStore(threeTier(), { storage, autosaveDelayMs: 10 });
    store.getState().send({ from: 'host-you', to: 'i-bastion', protocol: 'tcp', port: 22 });
    vi.advanceTimersByTime(10);
    vi.useRealTimers();
    const again = createAppStore(threeTier(), { storage: storage.reopened() });
    expect(again.getState().history.map((h) => h.flow)).toEqual([
      { from: 'host-you', to: 'i-bastion', protocol: 'tcp', port: 22 },
    ]);
  });
});

describe('change notices never say nothing changed when a rule was opened to the world', () => {
  it('SSH from anywhere on a private instance is named, though no route lets the internet in', () => {
    const store = createAppStore(threeTier());
    store
      .getState()
      .edit('rules/add', 'Add SSH from anywhere to db', (s) =>
        addRule(s, 'sg-db', 'inbound', sshFromWorld),
      );
    const text = store.getState().notice?.text ?? '';
    expect(text).not.toMatch(/stay the same/);
    expect(text).toMatch(/opens SSH \(22\) to the whole internet: no route lets the internet in/);
    expect(store.getState().notice?.tone).toBe('warning');
  });
});

describe('recent scenarios', () => {
  class MemoryRecent implements RecentStore {
    readonly map = new Map<string, RecentEntry>();
    put = async (e: RecentEntry) => (this.map.set(e.id, e), true);
    get = async (id: string) => this.map.get(id);
    list = async () => [...this.map.values()];
    remove = async (id: string) => void this.map.delete(id);
  }
  const settle = () => new Promise((r) => setTimeout(r, 5));

  it('opening something else keeps the work in Recent, and one click brings it back', async () => {
    const recent = new MemoryRecent();
    const store = createAppStore(threeTier(), { recent, workId: 'work-mine', autosaveDelayMs: 0 });
    store
      .getState()
      .edit('rules/add', 'Add SSH', (s) => addRule(s, 'sg-bastion', 'inbound', sshFromWorld));
    const mine = store.getState().scenario;
    store.getState().load({ ...threeTier(), name: 'Shared with me' }, { label: 'a shared link' });
    await settle();
    expect(store.getState().scenario.name).toBe('Shared with me');
    expect(store.getState().workId).not.toBe('work-mine');
    expect(store.temporal.getState().pastStates).toHaveLength(0); // a load is not undoable
    const notice = store.getState().notice;
    expect(notice?.text).toMatch(
      /Your previous work, “Three-tier web app”, is in Recent scenarios/,
    );
    expect((await store.getState().listRecent()).map((e) => e.name).sort()).toEqual([
      'Shared with me',
      'Three-tier web app',
    ]);
    notice?.actions?.[0]?.run();
    await settle();
    expect(store.getState().scenario).toEqual(mine);
    expect(store.getState().workId).toBe('work-mine');
  });

  it('two tabs never overwrite one entry: the tab that hears of the other goes on in its own', async () => {
    const recent = new MemoryRecent();
    const a = createAppStore(threeTier(), { recent, workId: 'work-same', autosaveDelayMs: 0 });
    a.getState().savedElsewhere('work-other');
    expect(a.getState().workId).toBe('work-same');
    a.getState().savedElsewhere('work-same');
    expect(a.getState().workId).not.toBe('work-same');
    expect(a.getState().notice?.text).toMatch(/also open in another tab/);
  });

  it('renames and removes entries; a damaged entry is refused and changes nothing', async () => {
    const recent = new MemoryRecent();
    const store = createAppStore(threeTier(), { recent, workId: 'work-1', autosaveDelayMs: 0 });
    await settle();
    await recent.put({
      id: 'work-bad',
      name: 'Bad',
      savedAt: '2026-01-01T00:00:00Z',
      document: '{',
    });
    const before = store.getState().scenario;
    expect(await store.getState().openRecent('work-bad')).toBe(false);
    expect(store.getState().scenario).toBe(before);
    expect(store.getState().notice?.text).toMatch(/could not be opened \(it is not valid JSON\)/);
    await store.getState().renameRecent('work-1', 'Renamed');
    expect(store.getState().scenario.name).toBe('Renamed');
    await store.getState().removeRecent('work-bad');
    expect(recent.map.has('work-bad')).toBe(false);
  });
});
