/** Validation messages under a field: what is wrong in a learner's words, and the fix to apply. */
import type { Issue } from '../model';

const MARK = { error: '✗', warning: '⚠', notice: 'ℹ' } as const;

export function FieldMessages({
  id,
  issues,
  onFix,
  inGrid = false,
}: {
  id: string;
  issues: readonly Issue[] | undefined;
  onFix?: (fix: string) => void;
  /** Inside a grid cell widgets leave the tab order (the grid has one tab stop). */
  inGrid?: boolean;
}) {
  if (!issues || issues.length === 0) return null;
  return (
    <ul className="field-messages" id={id}>
      {issues.map((issue, i) => (
        <li key={i} className={`msg ${issue.severity}`}>
          <span aria-hidden="true">{MARK[issue.severity]}</span> {issue.message}
          {issue.fix !== undefined && onFix && (
            <button
              type="button"
              className="link"
              tabIndex={inGrid ? -1 : 0}
              // keep focus in the field: a blur would commit the draft before the fix
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => onFix(issue.fix as string)}
            >
              Use {issue.fix}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
