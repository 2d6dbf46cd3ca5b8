/** "SSH open to the internet", "HTTPS reachable from the internet via shop-alb". */

/** What the engine reports per exposed service (kept structural: components do not see the engine). */
export interface Exposed {
  readonly label: string;
  readonly risk: 'danger' | 'expected';
  readonly via?: { readonly name: string };
  readonly audience: 'internet' | 'you';
  readonly ipv6?: boolean;
}

export function exposureText(e: Exposed): string {
  if (e.audience === 'you') return `${e.label} from You (My IP)`;
  const where = e.ipv6 ? 'the internet (IPv6)' : 'the internet';
  return e.via
    ? `${e.label} reachable from ${where} via ${e.via.name}`
    : `${e.label} open to ${where}`;
}

export function ExposureBadges({ exposure, max }: { exposure: readonly Exposed[]; max?: number }) {
  if (exposure.length === 0) return null;
  const shown = max === undefined ? exposure : exposure.slice(0, max);
  const rest = exposure.length - shown.length;
  return (
    <ul className="exposure" aria-label="Reachable from the internet">
      {shown.map((e) => (
        <li
          key={exposureText(e)}
          className={`exposure-badge ${e.audience === 'you' ? 'you' : e.risk}`}
        >
          <span aria-hidden="true">
            {e.risk === 'danger' ? '⚠' : e.audience === 'you' ? '●' : '↗'}
          </span>{' '}
          {exposureText(e)}
        </li>
      ))}
      {rest > 0 && <li className="exposure-badge more">+{rest} more</li>}
    </ul>
  );
}
