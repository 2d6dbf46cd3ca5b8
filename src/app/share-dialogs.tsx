/** The sharing dialogs, loaded together the first time one is opened. */
import { ImportDialog } from '../features/share/import-dialog';
import { ImportReport } from '../features/share/import-report';
import { RecentDialog } from '../features/share/recent-dialog';
import { ShareDialog } from '../features/share/share-dialog';

export function ShareDialogs() {
  return (
    <>
      <ShareDialog />
      <RecentDialog />
      <ImportDialog />
      <ImportReport />
    </>
  );
}
