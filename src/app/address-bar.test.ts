// @vitest-environment jsdom
/** The address bar follows the document, and never shows a fragment of a document gone by. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseScenario, renameScenario } from '../model';
import { createAppStore } from '../store';
import { followAddressBar, isOwnFragment } from './address-bar';

function threeTier() {
  const file = path.resolve(import.meta.dirname, '../content/scenarios/three-tier.json');
  const parsed = parseScenario(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error('three-tier.json does not parse');
  return parsed.scenario;
}

describe('followAddressBar', () => {
  it('drops the old fragment at the edit, before the new one is written, and owns the new one', async () => {
    const store = createAppStore(threeTier());
    followAddressBar(store, 50);
    await vi.waitFor(() => expect(window.location.hash).not.toBe(''));
    const first = window.location.hash;
    expect(isOwnFragment(first)).toBe(true);
    store.getState().edit('scenario/rename', 'Renamed', (s) => renameScenario(s, 'Renamed'));
    // at once: a reload or a copy of the address now cannot bring the document before the edit
    expect(window.location.hash).toBe('');
    await vi.waitFor(() => expect(window.location.hash).not.toBe(''));
    const second = window.location.hash;
    expect(second).not.toBe(first);
    expect(isOwnFragment(second)).toBe(true);
    expect(isOwnFragment(first)).toBe(false);
  });
});
