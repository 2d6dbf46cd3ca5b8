/** Autosave in the browser's database, against a real IndexedDB implementation (fake-indexeddb). */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LEGACY_AUTOSAVE_KEY } from '../store';

class MapStorage {
  readonly data = new Map<string, string>();
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => void this.data.set(k, v);
  removeItem = (k: string) => void this.data.delete(k);
}

/** A page load: the module anew (its connection is per page), on the same browser database. */
const load = async () => (await import('./browser-db')).openAutosave;

describe('autosave in IndexedDB', () => {
  beforeEach(() => {
    vi.resetModules();
    vi.stubGlobal('indexedDB', new IDBFactory());
  });
  afterEach(() => vi.unstubAllGlobals());

  it('keeps a copy larger than localStorage holds, and the next load opens on it', async () => {
    const legacy = new MapStorage();
    const first = await (await load())(legacy);
    expect(first.opened).toBeNull();
    const large = `{"big":"${'x'.repeat(12_000_000)}"}`; // past any browser's localStorage quota
    await first.write(large);
    vi.resetModules();
    const next = await (await load())(legacy);
    expect(next.opened?.length).toBe(large.length);
    expect(legacy.data.size).toBe(0);
  });

  it('opens on work autosaved in localStorage before, and removes it only once IndexedDB has it', async () => {
    const legacy = new MapStorage();
    legacy.setItem(LEGACY_AUTOSAVE_KEY, '{"old":1}');
    const first = await (await load())(legacy);
    expect(first.opened).toBe('{"old":1}');
    expect(legacy.getItem(LEGACY_AUTOSAVE_KEY)).toBe('{"old":1}'); // reading moves nothing
    await first.write('{"new":2}');
    expect(legacy.getItem(LEGACY_AUTOSAVE_KEY)).toBeNull();
    vi.resetModules();
    expect((await (await load())(legacy)).opened).toBe('{"new":2}');
  });

  it('a copy kept at once as the page goes away wins over a write that finished before it', async () => {
    const legacy = new MapStorage();
    const storage = await (await load())(legacy);
    const older = storage.write('{"n":1}'); // under way as the page hides
    storage.writeNow?.('{"n":2}');
    await older;
    expect(legacy.getItem(LEGACY_AUTOSAVE_KEY)).toBe('{"n":2}'); // IndexedDB holds only n:1
    vi.resetModules();
    const next = await (await load())(legacy);
    expect(next.opened).toBe('{"n":2}');
    await next.write('{"n":3}');
    expect(legacy.getItem(LEGACY_AUTOSAVE_KEY)).toBeNull();
    vi.resetModules();
    expect((await (await load())(legacy)).opened).toBe('{"n":3}');
  });

  it('stays in localStorage where the browser gives no IndexedDB', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const legacy = new MapStorage();
    legacy.setItem(LEGACY_AUTOSAVE_KEY, '{"old":1}');
    const storage = await (await load())(legacy);
    expect(storage.opened).toBe('{"old":1}');
    await storage.write('{"new":2}');
    expect(legacy.getItem(LEGACY_AUTOSAVE_KEY)).toBe('{"new":2}');
  });

  it('opens the page even while an older tab holds the database back', async () => {
    const old = indexedDB.open('sg-lab', 3);
    await new Promise((done) => (old.onsuccess = done)); // an older SG Lab, never closing
    // only the page's own timer is faked: the database goes on scheduling its work
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const legacy = new MapStorage();
      legacy.setItem(LEGACY_AUTOSAVE_KEY, '{"old":1}');
      const opening = (await load())(legacy);
      await vi.advanceTimersByTimeAsync(3100);
      const storage = await opening;
      expect(storage.opened).toBe('{"old":1}');
      old.result.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
