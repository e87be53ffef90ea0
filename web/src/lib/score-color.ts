/** The portal's palette for a score: green from 90, amber from 70, red below (WCAG AA on white as text). */
export function scoreColor(score: number | null): string {
  if (score === null) return '#8c8c8c';
  if (score >= 90) return '#237804';
  if (score >= 70) return '#ad6800';
  return '#a8071a';
}
