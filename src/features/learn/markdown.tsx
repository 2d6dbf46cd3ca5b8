/**
 * The Markdown of lesson and challenge texts, as React elements: paragraphs, "- " lists,
 * **bold**, *emphasis* and `code`. Nothing else: no raw HTML, no links, since a challenge is a
 * stranger's text and its words must show as typed.
 */
import type { ReactNode } from 'react';

function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /(\*\*[^*]+\*\*|\*[^*]+\*|`[^`]+`)/g;
  let at = 0;
  let key = 0;
  for (const m of text.matchAll(re)) {
    const i = m.index ?? 0;
    if (i > at) out.push(text.slice(at, i));
    const t = m[0];
    if (t.startsWith('**')) out.push(<strong key={key++}>{t.slice(2, -2)}</strong>);
    else if (t.startsWith('`')) out.push(<code key={key++}>{t.slice(1, -1)}</code>);
    else out.push(<em key={key++}>{t.slice(1, -1)}</em>);
    at = i + t.length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

export function Markdown({ text }: { text: string }) {
  const blocks = text.split(/\n\s*\n/).filter((b) => b.trim() !== '');
  return (
    <>
      {blocks.map((block, i) => {
        const lines = block.split('\n');
        if (lines.every((l) => /^\s*[-*] /.test(l)))
          return (
            <ul key={i}>
              {lines.map((l, j) => (
                <li key={j}>{inline(l.replace(/^\s*[-*] /, ''))}</li>
              ))}
            </ul>
          );
        return <p key={i}>{inline(lines.join(' '))}</p>;
      })}
    </>
  );
}
