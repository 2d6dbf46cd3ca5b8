/**
 * The lessons, in order, each with how far the learner got (kept in the browser), to start,
 * continue or do again; progress goes out and comes back as a file.
 */
import { FilePicker } from '../../components/file-picker';
import { useAppStore } from '../../hooks/use-app-store';
import { Modal } from '../../components/modal';
import { LESSONS } from './catalog';

export function LessonsDialog() {
  const open = useAppStore((s) => s.dialog === 'lessons');
  const openDialog = useAppStore((s) => s.openDialog);
  const progress = useAppStore((s) => s.progress);
  const activity = useAppStore((s) => s.activity);
  const startLesson = useAppStore((s) => s.startLesson);
  const downloadProgress = useAppStore((s) => s.downloadProgress);
  const openProgressFile = useAppStore((s) => s.openProgressFile);
  const close = () => openDialog(null);
  return (
    <Modal open={open} title="Lessons" onClose={close}>
      <p className="small">
        Thirteen short lessons, one idea each: the notes on security groups, then network ACLs
        beside them. Your world in a lesson is an ordinary scenario: edit, send traffic and undo as
        you like.
      </p>
      <ol className="lesson-list">
        {LESSONS.map((l, i) => {
          const p = progress.lessons[l.id];
          const here = activity?.kind === 'lesson' && activity.lesson.id === l.id;
          const steps = p?.done.length ?? 0;
          const pct = p?.steps ? ` (${Math.round((100 * steps) / p.steps)}%)` : '';
          const status = p?.completed
            ? 'Complete ✓'
            : p
              ? `${steps} step${steps === 1 ? '' : 's'} done${pct}, at step ${p.step + 1}`
              : 'Not started';
          return (
            <li key={l.id}>
              <div>
                <strong>
                  {i + 1}. {l.title}
                </strong>
                <span className="muted small"> — {status}</span>
                <p className="muted small">{l.summary}</p>
              </div>
              <button
                type="button"
                className={here ? undefined : 'primary'}
                aria-label={`${here ? 'Back to' : p && !p.completed ? 'Continue' : p ? 'Start again' : 'Start'} lesson ${i + 1}: ${l.title}`}
                onClick={() => {
                  close();
                  if (here) return;
                  void l
                    .load()
                    .then((lesson) => startLesson(lesson, p && !p.completed ? p.step : 0));
                }}
              >
                {here ? 'Back to it' : p && !p.completed ? 'Continue' : p ? 'Start again' : 'Start'}
              </button>
            </li>
          );
        })}
      </ol>
      <h3>Your progress</h3>
      <p className="muted small">
        Kept in this browser. To go on on another machine, download it and open it there.
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={() => void downloadProgress()}>
          Download progress
        </button>
        <FilePicker
          label="Open a progress file…"
          inputLabel="Progress file"
          onFiles={(files) => {
            const file = files[0];
            if (file) void file.text().then((text) => openProgressFile(file.name, text));
          }}
        />
      </div>
    </Modal>
  );
}
