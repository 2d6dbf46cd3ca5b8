/**
 * Recent scenarios, the store's part: the entry this tab's work is saved in, and listing,
 * opening, renaming and removing the others (the saving itself is recent.ts's).
 */
import { decodeDocument } from '../interchange/document';
import { renameScenario, type EditResult, type Scenario } from '../model';
import type { Notice } from './app-store';
import { entryOf, newWorkId, type RecentEntry, type RecentStore } from './recent';

export interface RecentState {
  /** The Recent scenarios entry this tab's work is saved in. */
  readonly workId: string;
  listRecent(): Promise<readonly RecentEntry[]>;
  /** Opens a recent scenario (this tab then works in that entry); false when it does not read. */
  openRecent(id: string): Promise<boolean>;
  removeRecent(id: string): Promise<void>;
  renameRecent(id: string, name: string): Promise<void>;
  /** Another tab saved the entry `id`: if it is this tab's, this tab goes on in an entry of its own. */
  savedElsewhere(id: string): void;
}

interface Host extends RecentState {
  readonly scenario: Scenario;
  load(scenario: Scenario, source: { readonly label: string; readonly workId?: string }): void;
  edit<T>(name: string, label: string, change: (s: Scenario) => EditResult<T>): EditResult<T>;
}

export function recentSlice(
  set: (partial: { workId?: string; notice?: Notice }) => void,
  get: () => Host,
  recent: RecentStore | undefined,
  initialWorkId: string | undefined,
  notice: (text: string, tone: Notice['tone']) => Notice,
): RecentState {
  return {
    workId: initialWorkId ?? newWorkId(),
    listRecent: async () =>
      recent ? (await recent.list()).sort((a, b) => b.savedAt.localeCompare(a.savedAt)) : [],
    async openRecent(id) {
      const entry = await recent?.get(id);
      const decoded = entry ? decodeDocument(entry.document) : null;
      if (!entry || !decoded?.ok) {
        set({
          notice: notice(
            `That recent scenario could not be opened${decoded && !decoded.ok ? ` (${decoded.reason})` : ''}; nothing changed.`,
            'error',
          ),
        });
        return false;
      }
      get().load(decoded.document.scenario, {
        label: `“${entry.name}” from Recent scenarios`,
        workId: id,
      });
      return true;
    },
    async removeRecent(id) {
      await recent?.remove(id);
    },
    async renameRecent(id, name) {
      if (id === get().workId) {
        get().edit('scenario/rename', `Rename the scenario to ${name}`, (s) =>
          renameScenario(s, name),
        );
        return;
      }
      const entry = await recent?.get(id);
      const decoded = entry && decodeDocument(entry.document);
      if (!entry || !decoded?.ok) return;
      const doc = { ...decoded.document, scenario: { ...decoded.document.scenario, name } };
      await recent?.put({ ...entryOf(id, doc), savedAt: entry.savedAt });
    },
    savedElsewhere(id) {
      if (id !== get().workId) return;
      set({
        workId: newWorkId(),
        notice: notice(
          'This scenario is also open in another tab, which saved its changes. This tab now keeps its own copy in Recent scenarios, so neither overwrites the other.',
          'warning',
        ),
      });
    },
  };
}
