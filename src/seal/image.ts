/** The five XML characters that may not stand as themselves in text or attribute values. */
const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text made safe for an XML text node or a quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] as string);
}

const RED = '#d7000f';
const SIZE = 240;
const CENTRE = SIZE / 2;

/** The points of a five-pointed star around the centre, its first point straight up. */
function starPoints(outer: number, inner: number): string {
  const points: string[] = [];
  for (let i = 0; i < 10; i += 1) {
    const radius = i % 2 === 0 ? outer : inner;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    points.push(
      `${(CENTRE + radius * Math.cos(angle)).toFixed(2)},${(CENTRE + radius * Math.sin(angle)).toFixed(2)}`,
    );
  }
  return points.join(' ');
}

/**
 * The conventional red round seal (公章样式) as SVG: a red ring, the seal name set clockwise along
 * the upper arc, a five-pointed star in the middle. A picture for people, not the seal itself:
 * what proves a document is its signature.
 */
export function sealImageSvg(sealName: string): string {
  const chars = [...sealName];
  // The name spreads over up to 240° of the upper arc; long names get smaller letters.
  const fontSize = Math.max(10, Math.min(28, Math.floor(520 / Math.max(chars.length, 1))));
  const textRadius = CENTRE - 22 - fontSize / 2;
  // The arc runs from lower left, over the top, to lower right (clockwise in SVG's y-down space).
  const start = (210 * Math.PI) / 180;
  const end = (-30 * Math.PI) / 180;
  const x1 = (CENTRE + textRadius * Math.cos(start)).toFixed(2);
  const y1 = (CENTRE - textRadius * Math.sin(start)).toFixed(2);
  const x2 = (CENTRE + textRadius * Math.cos(end)).toFixed(2);
  const y2 = (CENTRE - textRadius * Math.sin(end)).toFixed(2);
  const name = escapeXml(sealName);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-label="${name}">`,
    `<title>${name}</title>`,
    `<defs><path id="seal-arc" d="M ${x1} ${y1} A ${textRadius} ${textRadius} 0 1 1 ${x2} ${y2}" fill="none"/></defs>`,
    `<circle cx="${CENTRE}" cy="${CENTRE}" r="${CENTRE - 8}" fill="none" stroke="${RED}" stroke-width="8"/>`,
    `<text fill="${RED}" font-family="SimSun, 'Songti SC', 'Noto Serif CJK SC', serif" font-size="${fontSize}" font-weight="bold">`,
    `<textPath href="#seal-arc" startOffset="50%" text-anchor="middle">${name}</textPath>`,
    '</text>',
    `<polygon points="${starPoints(36, 14)}" fill="${RED}"/>`,
    '</svg>',
    '',
  ].join('\n');
}
