import type { Point } from './affine';
import { mm } from './seal-drawing';

/** Inner-to-outer radius ratio of a regular five-pointed star: sin 18° / sin 126°. */
const INNER_RATIO = Math.sin(Math.PI / 10) / Math.sin((7 * Math.PI) / 10);

/**
 * A solid five-pointed star, one point straight up, as path data. Drawn as a ten-point outline
 * rather than a self-crossing pentagram so it fills solid under any fill rule.
 */
export function starPath(centre: Point, outerRadius: number): string {
  const corners = Array.from({ length: 10 }, (_, i) => {
    const radius = i % 2 === 0 ? outerRadius : outerRadius * INNER_RATIO;
    const angle = (i * Math.PI) / 5;

    return `${mm(centre.x + radius * Math.sin(angle))} ${mm(centre.y - radius * Math.cos(angle))}`;
  });

  return `M${corners.join('L')}Z`;
}
