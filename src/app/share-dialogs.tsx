/** The dialogs (sharing, import, lessons, challenges), loaded together the first time one opens. */
import { CreateChallengeDialog } from '../features/learn/create-challenge-dialog';
import { LessonsDialog } from '../features/learn/lessons-dialog';
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
      <LessonsDialog />
      <CreateChallengeDialog />
    </>
  );
}
