/**
 * The address bar follows the document: shortly after edits stop, the URL's fragment becomes the
 * scenario's share link (never sent to any server), so copying the address shares the work.
 */
import { ruleCount } from '../model';
import { crc32 } from '../interchange/crc32';
import { shareLinkOf, type AppStore } from '../store';

/** Past this a fragment is more than an address bar should carry: the file is the way to share. */
const MAX_FRAGMENT = 100_000;

/**
 * The fragments this tab wrote itself (their checksums, the last few). On a reload such a fragment
 * is not a link someone sent: the autosave, which may be newer, is the work. More than the last:
 * a reload can start from the address an edit was about to replace, while the page still writes.
 */
const OWN_KEY = 'sg-lab.own-fragments';
const OWN_KEPT = 16;

const checksum = (fragment: string): string =>
  crc32(new TextEncoder().encode(fragment)).toString(16);

function ownFragments(): string[] {
  try {
    const list: unknown = JSON.parse(window.sessionStorage.getItem(OWN_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function markOwn(fragment: string): void {
  const sum = checksum(fragment);
  const list = ownFragments().filter((x) => x !== sum);
  window.sessionStorage.setItem(OWN_KEY, JSON.stringify([...list, sum].slice(-OWN_KEPT)));
}

export const isOwnFragment = (fragment: string): boolean =>
  ownFragments().includes(checksum(fragment));

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
      window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
      return;
    }
    const link = await shareLinkOf(s);
    if (store.getState().scenario !== s) return; // an edit came meanwhile: its turn will come
    const base = `${window.location.pathname}${window.location.search}`;
    const fits = link.length <= MAX_FRAGMENT;
    if (fits) markOwn(link);
    window.history.replaceState(null, '', fits ? `${base}${link}` : base);
  };
  store.subscribe((s, prev) => {
    if (s.scenario === prev.scenario) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void write(), delayMs);
  });
  void write();
}
