/** AWS-shaped identifiers (aws-semantics.md §1.5), generated deterministically so that pure edits stay pure. */

/** FNV-1a, 64-bit, as 17 hex digits: the length of AWS's `sg-`/`sgr-` ids. */
function hash17(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(17, '0').slice(-17);
}

/** A new id `prefix-<17 hex>` derived from `seed`, not in `taken`. */
export function newId(prefix: string, seed: string, taken: ReadonlySet<string>): string {
  for (let n = 0; ; n++) {
    const id = `${prefix}-${hash17(`${seed}#${n}`)}`;
    if (!taken.has(id)) return id;
  }
}

/** "Three-tier web app" → "three-tier-web-app": lower case, dashes, at most `max` characters. */
export function slug(name: string, max: number): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max);
}

/** A readable id `prefix-name` (or `prefix-name-2` …) for objects a user names. */
export function readableId(
  prefix: string,
  name: string,
  taken: { has(id: string): boolean },
): string {
  const slugged = slug(name, 40) || 'new';
  const base = slugged.startsWith(`${prefix}-`) ? slugged : `${prefix}-${slugged}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
