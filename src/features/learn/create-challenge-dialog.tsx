/**
 * Create challenge: from the scenario open now, a teacher picks which expectations count (and a
 * few structural goals), a title and a text, and whether the goals stay hidden until the learner
 * checks; the result is a `#c=1.` link and a file. The expectations themselves are left out of the
 * learner's world, so the goals are not given away in the Checks panel.
 */
import { useEffect, useState } from 'react';
import { CopyButton } from '../../components/copy-button';
import { useAppStore } from '../../hooks/use-app-store';
import {
  formatCount,
  endpointLabel,
  noFindingLabel,
  serviceLabel,
  type Challenge,
  type Goal,
} from '../../model';
import { challengeLinkOf } from '../../store';
import { Modal } from '../../components/modal';

/** The structural goals a teacher may add, worded as the learner's goal list words them. */
const STRUCTURAL = [
  'WORLD_OPEN_ADMIN_PORT',
  'WORLD_OPEN_DATABASE_PORT',
  'ALL_TRAFFIC_FROM_ANYWHERE',
  'REDUNDANT_RULE',
].map((code) => ({ code, label: noFindingLabel(code) }));

export function CreateChallengeDialog() {
  const open = useAppStore((s) => s.dialog === 'create-challenge');
  const openDialog = useAppStore((s) => s.openDialog);
  const scenario = useAppStore((s) => s.scenario);
  const downloadText = useAppStore((s) => s.downloadText);
  const expectations = scenario.expectations ?? [];
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  const [codes, setCodes] = useState<ReadonlySet<string>>(new Set());
  const [hidden, setHidden] = useState(false);
  const [link, setLink] = useState('');
  // every expectation counts until the teacher says otherwise
  useEffect(() => {
    if (open) setPicked(new Set(expectations.map((_, i) => i)));
    if (open) setTitle((t) => t || `Repair “${scenario.name}”`);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
  const goals: Goal[] = [
    ...expectations
      .filter((_, i) => picked.has(i))
      .map((e): Goal => {
        const { note: _n, id: _id, ...flow } = e;
        return { kind: 'flow', flow };
      }),
    ...[...codes].map((code): Goal => ({ kind: 'no-finding', code })),
  ];
  const { expectations: _e, ...world } = scenario;
  const challenge: Challenge | null =
    goals.length > 0 && title.trim()
      ? {
          format: 'sg-lab.challenge',
          version: 1,
          title: title.trim(),
          ...(text.trim() ? { text: text.trim() } : {}),
          scenario: world,
          goals,
          ...(hidden ? { hideGoalsUntilChecked: true } : {}),
        }
      : null;
  const key = challenge ? JSON.stringify(challenge) : '';
  useEffect(() => {
    if (!challenge) return setLink('');
    let live = true;
    void challengeLinkOf(challenge).then(
      (f) => live && setLink(`${location.origin}${location.pathname}${f}`),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const toggle = <T,>(set: ReadonlySet<T>, v: T) => {
    const next = new Set(set);
    if (next.has(v)) next.delete(v);
    else next.add(v);
    return next;
  };
  return (
    <Modal open={open} title="Create challenge" onClose={() => openDialog(null)}>
      <p className="small">
        The learner starts from this scenario as it is now, without its expectations, and must make
        the goals you pick hold.
      </p>
      <label className="field">
        <span>Title</span>
        <input value={title} onChange={(e) => setTitle(e.target.value)} data-autofocus />
      </label>
      <label className="field">
        <span>Text for the learner (Markdown: **bold**, *emphasis*, lists)</span>
        <textarea rows={3} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <fieldset>
        <legend>Goals from the expectations</legend>
        {expectations.length === 0 && (
          <p className="muted small">
            This scenario has no expectations. Send a flow and use “Make it an expectation” to add
            some.
          </p>
        )}
        {expectations.map((e, i) => (
          <label key={i} className="check-row">
            <input
              type="checkbox"
              checked={picked.has(i)}
              onChange={() => setPicked(toggle(picked, i))}
            />
            <span>
              {endpointLabel(scenario, e.from)} → {endpointLabel(scenario, e.to)} {serviceLabel(e)}{' '}
              is {e.expect === 'allow' ? 'ALLOWED' : 'DENIED'}
              {e.note ? <span className="muted"> — {e.note}</span> : null}
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Goals about the rules</legend>
        {STRUCTURAL.map((s) => (
          <label key={s.code} className="check-row">
            <input
              type="checkbox"
              checked={codes.has(s.code)}
              onChange={() => setCodes(toggle(codes, s.code))}
            />
            {s.label}
          </label>
        ))}
      </fieldset>
      <label className="check-row">
        <input type="checkbox" checked={hidden} onChange={(e) => setHidden(e.target.checked)} />
        Hide the goals until the learner checks (they see only how many hold)
      </label>
      {challenge ? (
        <>
          <label className="field">
            <span>
              Challenge link ({formatCount(link.length)} characters, {goals.length} goals)
            </span>
            <textarea readOnly rows={3} className="mono share-link" value={link} />
          </label>
          <div className="dialog-actions">
            <CopyButton text={link} label="Copy the challenge link" primary />
            <button
              type="button"
              onClick={() =>
                downloadText('sg-lab-challenge.json', `${JSON.stringify(challenge, null, 2)}\n`)
              }
            >
              Download the challenge file
            </button>
          </div>
        </>
      ) : (
        <p className="muted small">A challenge needs a title and at least one goal.</p>
      )}
    </Modal>
  );
}
