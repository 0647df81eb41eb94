import type { TenthsRing } from '../../shared/geo/outline-codec';

/** Tenths per viewBox unit: the precision the map's outlines were rounded to. */
const PRECISION = 10;

/**
 * SVG path data for rings in tenths of a viewBox unit, as compact as SVG
 * allows: an absolute `M`, then relative `l` steps with implicit
 * repetition, one decimal, no leading zeros, `z` to close.
 *
 * @example svgPathData([[[5, 10], [7, 10], [7, 12]]]) // 'M.5,1l.2,0,0,.2z'
 */
export function svgPathData(rings: readonly TenthsRing[]): string {
  let d = '';
  for (const [first, ...rest] of rings) {
    if (!first) continue;
    d += `M${tenths(first[0])},${tenths(first[1])}`;
    if (rest.length > 0) {
      d += 'l';
      let [px, py] = first;
      let prev = '';
      for (const [x, y] of rest) {
        const pair = joinNum(tenths(x - px), tenths(y - py));
        d += prev === '' || pair.startsWith('-') ? pair : `,${pair}`;
        prev = pair;
        px = x;
        py = y;
      }
    }
    d += 'z';
  }
  return d;
}

function joinNum(a: string, b: string): string {
  return b.startsWith('-') ? a + b : `${a},${b}`;
}

/** A whole number of tenths as the shortest decimal: 5 → ".5", -12 → "-1.2", 30 → "3". */
function tenths(units: number): string {
  if (units === 0) return '0';
  const sign = units < 0 ? '-' : '';
  const abs = Math.abs(units);
  const whole = Math.floor(abs / PRECISION);
  const frac = abs % PRECISION;
  if (frac === 0) return `${sign}${whole}`;
  return `${sign}${whole === 0 ? '' : whole}.${frac}`;
}
