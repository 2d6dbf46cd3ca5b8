/** Large files are read in a worker; what they open is what reading them here opens. */
import { describe, expect, it } from 'vitest';
import { largeScenario } from '../model/large-scenario';
import { createAppStore, OPEN_IN_WORKER_BYTES, type OpenWorkerLike } from '.';
import { partsSender } from './in-parts';
import { openFiles, type BroughtFile } from './open-files';

/** A worker in this thread: the message structured-cloned both ways, the answer a task later
 * and in parts (3,000 instances: 15 slices). */
function fakeWorker(log: string[]): OpenWorkerLike {
  const w: OpenWorkerLike = {
    onmessage: null,
    onerror: null,
    terminate: () => log.push('terminated'),
    postMessage(message, transfer) {
      log.push(`posted ${transfer.length}`);
      const { files } = structuredClone(message);
      const send = partsSender((part) => w.onmessage?.({ data: structuredClone(part) }));
      setTimeout(() => send(openFiles(files)), 0);
    },
  };
  return w;
}

const file = (name: string, value: unknown): BroughtFile => ({
  name,
  bytes: new TextEncoder().encode(JSON.stringify(value)),
});

describe('opening large files', () => {
  const big = largeScenario({ instances: 3000, groups: 200, rulesPerGroup: 30 });
  const brought = file('big.json', big);

  it('goes to the worker past a megabyte, says it is reading, and opens the same world', async () => {
    expect(brought.bytes.length).toBeGreaterThan(OPEN_IN_WORKER_BYTES);
    const log: string[] = [];
    const store = createAppStore(undefined, { openWorker: () => fakeWorker(log) });
    const opening = store.getState().openFiles([brought]);
    expect(store.getState().notice?.text).toMatch(/^Reading big\.json \(\d+\.\d MB\)…$/);
    expect(await opening).toBe(true);
    expect(log).toEqual(['posted 1', 'terminated']);
    expect(store.getState().scenario).toEqual(big);
    // the caller's bytes were copied, not moved
    expect(brought.bytes.length).toBeGreaterThan(0);
  });

  it('reads a small file here, and a file that does not load changes nothing either way', async () => {
    const log: string[] = [];
    const store = createAppStore(undefined, { openWorker: () => fakeWorker(log) });
    const before = store.getState().scenario;
    expect(await store.getState().openFiles([file('small.json', { vpcs: 3 })])).toBe(false);
    expect(log).toEqual([]);
    const broken = { ...brought, bytes: brought.bytes.slice(0, brought.bytes.length - 10) };
    expect(await store.getState().openFiles([broken])).toBe(false);
    expect(log).toEqual(['posted 1', 'terminated']);
    expect(store.getState().scenario).toBe(before);
    expect(store.getState().notice?.text).toContain('Your work is unchanged.');
  });
});
