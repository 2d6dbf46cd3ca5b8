/**
 * Help: on a first visit a welcome (what SG Lab is, three things to try, the gallery), and always
 * the glossary of every word and reason code the app shows, and the diagram's legend. A `?`
 * beside a code opens it at that entry.
 */
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useAppStore } from '../hooks/use-app-store';
import { GLOSSARY } from '../model';
import { WELCOMED_KEY } from './welcomed';
const GalleryChoices = lazy(() =>
  import('./gallery-choices').then((m) => ({ default: m.GalleryChoices })),
);

export function HelpDialog() {
  const help = useAppStore((s) => s.help);
  const closeHelp = useAppStore((s) => s.closeHelp);
  const startLesson = useAppStore((s) => s.startLesson);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (help !== null && !d.open) d.showModal();
    if (help === null && d.open) d.close();
    if (help) document.getElementById(`glossary-${help}`)?.scrollIntoView({ block: 'center' });
  }, [help]);
  const close = () => {
    window.localStorage.setItem(WELCOMED_KEY, '1');
    closeHelp();
  };
  return (
    <dialog ref={ref} className="help" aria-labelledby="help-title" onClose={close}>
      <div className="help-head">
        <h2 id="help-title">Welcome to SG Lab</h2>
        <button type="button" onClick={close} autoFocus>
          Close
        </button>
      </div>
      <p>
        SG Lab is a practice lab for AWS security groups: build a VPC, write rules as in the AWS
        console, and send simulated traffic to see, step by step, what gets through and why.
        Everything stays in your browser.
      </p>
      <h3>New to security groups?</h3>
      <p>
        Thirteen short lessons teach them by doing, one idea at a time: predict what a packet will
        do, change a rule, and watch the goals turn ✓.{' '}
        <button
          type="button"
          className="primary"
          onClick={() => {
            // the lessons load when first wanted: the first paint does not wait for them
            void import('../features/learn/catalog')
              .then(({ LESSONS }) => LESSONS[0]?.load())
              .then((lesson) => {
                if (!lesson) return;
                startLesson(lesson);
                close();
              });
          }}
        >
          Start lesson 1
        </button>
      </p>
      <h3>Three things to try on this scenario</h3>
      <ol>
        <li>
          In <strong>Traffic</strong>, send <em>Internet → shop-alb</em> on HTTPS: the trace shows
          every check and the rule that allowed it.
        </li>
        <li>
          Open <strong>sg-web</strong> and delete its first inbound rule: the notice says which
          instances it reached and which expectations now fail. Ctrl+Z undoes it.
        </li>
        <li>
          Send a flow, then <strong>Make it an expectation</strong>: it turns ✓ or ✗ live on every
          edit, like a test.
        </li>
      </ol>
      <h3>Start from</h3>
      <Suspense fallback={<p className="muted">Loading the built-in scenarios…</p>}>
        <GalleryChoices variant="list" onChosen={close} />
      </Suspense>
      <h3>The diagram</h3>
      <dl className="legend">
        <dt>
          <span className="pill">public</span> / <span className="pill">private</span>
        </dt>
        <dd>A subnet with a route to the internet gateway, or without one.</dd>
        <dt>
          <span className="exposure-badge">↗ HTTPS reachable from the internet</span>
        </dt>
        <dd>What anyone on the internet can open on that instance, directly or via a balancer.</dd>
        <dt>
          <span className="exposure-badge">● SSH from You (My IP)</span>
        </dt>
        <dd>What only your own address (the “You” host) can open.</dd>
        <dt>✓ ✗ –</dt>
        <dd>Allowed, denied, and not reached (after the packet was dropped).</dd>
      </dl>
      <h3>Words</h3>
      <dl className="glossary">
        {GLOSSARY.map((e) => (
          <div key={e.id} id={`glossary-${e.id}`} className={help === e.id ? 'current' : undefined}>
            <dt>{e.term}</dt>
            <dd>{e.text}</dd>
          </div>
        ))}
      </dl>
    </dialog>
  );
}
