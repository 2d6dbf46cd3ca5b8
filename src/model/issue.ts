/** A validation problem: never thrown, always returned, always tied to a field. */
export interface Issue {
  /** AWS's own error code where it has one (`InvalidPermission.Duplicate`), ours otherwise. */
  readonly code: string;
  readonly message: string;
  /** JSON path of the field, e.g. `securityGroups[2].inbound[0].cidrIpv4`. */
  readonly path: string;
  readonly severity: 'error' | 'warning' | 'notice';
  /** A value that fixes the problem, when one is obvious ("did you mean 203.0.113.5/32?"). */
  readonly fix?: string;
}

export const error = (code: string, path: string, message: string, fix?: string): Issue =>
  fix === undefined
    ? { code, path, message, severity: 'error' }
    : { code, path, message, severity: 'error', fix };

export const warning = (code: string, path: string, message: string, fix?: string): Issue =>
  fix === undefined
    ? { code, path, message, severity: 'warning' }
    : { code, path, message, severity: 'warning', fix };

export const notice = (code: string, path: string, message: string, fix?: string): Issue =>
  fix === undefined
    ? { code, path, message, severity: 'notice' }
    : { code, path, message, severity: 'notice', fix };

export const hasErrors = (issues: readonly Issue[]): boolean =>
  issues.some((i) => i.severity === 'error');

/**
 * Warnings about the document as a whole (a top-level path, no item in it): what every verdict
 * must be read with (a path naming a whole collection, such as "networkAcls").
 */
export const documentNotes = (issues: readonly Issue[]): Issue[] =>
  issues.filter((i) => i.severity === 'warning' && /^[A-Za-z]+$/.test(i.path));
