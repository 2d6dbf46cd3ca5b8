// @vitest-environment jsdom
/** The address bar's fragments: every one this tab wrote stays its own, so a reload opens the autosave. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseScenario, renameScenario } from '../model';
import { createAppStore, shareLinkOf } from '../store';
import { followAddressBar, isOwnFragment } from './address-bar';

function threeTier() {
  const file = path.resolve(import.meta.dirname, '../content/scenarios/three-tier.json');
  const parsed = parseScenario(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error('three-tier.json does not parse');
  return parsed.scenario;
}

describe('followAddressBar', () => {
  it('keeps every fragment it wrote as its own, an earlier one too, and no one else’s', async () => {
    const store = createAppStore(threeTier());
    followAddressBar(store, 0);
    await vi.waitFor(() => expect(window.location.hash).not.toBe(''));
    const first = window.location.hash;
    store.getState().edit('scenario/rename', 'Renamed', (s) => renameScenario(s, 'Renamed'));
    await vi.waitFor(() => expect(window.location.hash).not.toBe(first));
    const second = window.location.hash;
    // a reload can start from the first while the page writes the second: both are this tab's
    expect(isOwnFragment(first)).toBe(true);
    expect(isOwnFragment(second)).toBe(true);
    const other = renameScenario(threeTier(), 'Sent to me');
    if (!other.ok) throw new Error('the rename did not apply');
    const sent = await shareLinkOf(other.scenario);
    expect(isOwnFragment(sent)).toBe(false);
  });
});
