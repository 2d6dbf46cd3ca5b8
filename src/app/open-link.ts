/**
 * Opening a share link: the user's own work goes into Recent scenarios first (the store's `load`
 * does that), then the link's scenario opens, or its challenge starts; a link that does not read
 * says why and changes nothing.
 */
import type { AppStore } from '../store';

export const isShareFragment = (hash: string): boolean => /^#[sc]=/.test(hash);

export async function openLink(store: AppStore, fragment: string): Promise<void> {
  const { decodeShareLink } = await import('../interchange/share-link');
  const r = await decodeShareLink(fragment);
  if (!r.ok) {
    store
      .getState()
      .notify(
        `This link could not be opened (${r.error.code}): ${r.error.message} Your own work is unchanged.`,
        'error',
      );
    return;
  }
  if (r.kind === 'challenge') {
    store.getState().startChallenge(r.challenge);
    return;
  }
  // a reload carries the document's own link (the address bar follows it): nothing to open
  if (JSON.stringify(r.scenario) === JSON.stringify(store.getState().scenario)) return;
  store.getState().load(r.scenario, { label: `the shared scenario “${r.scenario.name}”` });
}
