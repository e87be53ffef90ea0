import { Fragment } from 'react';

export interface Segment {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Splits the search service's highlighted text (matches in `<mark>…</mark>`, everything else
 * HTML-escaped) into plain and marked segments. Only `<mark>` is understood; any other markup
 * stays literal text, so nothing the provider wrote can become HTML in the reader's page.
 */
export function highlightSegments(html: string): Segment[] {
  const segments: Segment[] = [];
  let mark = false;
  for (const part of html.split(/(<\/?mark>)/i)) {
    const tag = part.toLowerCase();
    if (tag === '<mark>') mark = true;
    else if (tag === '</mark>') mark = false;
    else if (part) {
      const text = decode(part);
      const last = segments.at(-1);
      if (last && last.mark === mark) last.text += text;
      else segments.push({ text, mark });
    }
  }
  return segments;
}

/** Highlighted text as React nodes; `fallback` when the service sent no highlight. */
export function Highlighted({ html, fallback }: { html: string | undefined; fallback?: string }) {
  if (!html) return <>{fallback ?? ''}</>;
  // Segments never move, so where each starts in the text is a stable key.
  let offset = 0;
  const keyed = highlightSegments(html).map((segment) => {
    const key = offset;
    offset += segment.text.length;
    return { ...segment, key };
  });
  return (
    <>
      {keyed.map((s) =>
        s.mark ? (
          <mark key={s.key} className="gs-hl">
            {s.text}
          </mark>
        ) : (
          <Fragment key={s.key}>{s.text}</Fragment>
        ),
      )}
    </>
  );
}
