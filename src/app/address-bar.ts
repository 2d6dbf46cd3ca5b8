/**
 * The address bar follows the document: shortly after edits stop, the URL's fragment becomes the
 * scenario's share link (never sent to any server), so copying the address shares the work.
 */
import { ruleCount } from '../model';
import { shareLinkOf, type AppStore } from '../store';

/** Past this a fragment is more than an address bar should carry: the file is the way to share. */
const MAX_FRAGMENT = 100_000;

/**
 * The fragment this tab wrote itself. On a reload it is not a link someone sent: the autosave,
 * which may be newer than the fragment, is the work.
 */
const OWN_KEY = 'sg-lab.own-fragment';

export const isOwnFragment = (fragment: string): boolean =>
  window.sessionStorage.getItem(OWN_KEY) === fragment;

/**
 * Past this many rules and instances no link fits MAX_FRAGMENT (each takes at least ~5 characters
 * compressed), and making one would take the page a second at an account's size: none is made.
 */
const MAX_LINKED_ITEMS = 20_000;

export function followAddressBar(store: AppStore, delayMs = 500): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = async () => {
    const s = store.getState().scenario;
    if (ruleCount(s) + s.instances.length > MAX_LINKED_ITEMS) {
      window.sessionStorage.setItem(OWN_KEY, '');
      window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
      return;
    }
    const link = await shareLinkOf(s);
    if (store.getState().scenario !== s) return; // an edit came meanwhile: its turn will come
    const base = `${window.location.pathname}${window.location.search}`;
    const fits = link.length <= MAX_FRAGMENT;
    window.sessionStorage.setItem(OWN_KEY, fits ? link : '');
    window.history.replaceState(null, '', fits ? `${base}${link}` : base);
  };
  store.subscribe((s, prev) => {
    if (s.scenario === prev.scenario) return;
    // the fragment is the document before this edit: gone at once, so that neither a copy of the
    // address nor a reload started before the new one is written takes the old for the work
    if (window.location.hash && isOwnFragment(window.location.hash)) {
      window.sessionStorage.setItem(OWN_KEY, '');
      window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
    }
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void write(), delayMs);
  });
  void write();
}
