import { degrees, radians, type Point } from './affine';

/** Samples per turn for the arc-length table; error stays far below a pixel. */
const SAMPLES_PER_TURN = 1440;

/**
 * An ellipse (a circle when both radii match) that text runs along, addressed by angle in degrees
 * clockwise from 12 o'clock. Text on an ellipse must be spaced by arc length, not by angle, or
 * characters bunch up at the flat top and spread out at the tight ends.
 */
export class EllipseTrack {
  // Tabulated over one and a half turns (−180° to 360°) so runs around the top and around the
  // bottom are both continuous in the table.
  private readonly firstDeg = -180;
  private readonly lengths: number[] = [];

  constructor(
    readonly centre: Point,
    readonly rx: number,
    readonly ry: number,
  ) {
    this.tabulateLengths();
  }

  pointAt(angleDeg: number): Point {
    const t = radians(angleDeg);

    return { x: this.centre.x + this.rx * Math.sin(t), y: this.centre.y - this.ry * Math.cos(t) };
  }

  /** Clockwise rotation that turns an upright glyph so its top faces away from the centre. */
  outwardRotationAt(angleDeg: number): number {
    const t = radians(angleDeg);

    return degrees(Math.atan2(Math.sin(t) / this.rx, Math.cos(t) / this.ry));
  }

  curvatureAt(angleDeg: number): number {
    const t = radians(angleDeg);
    const speed = Math.hypot(this.rx * Math.cos(t), this.ry * Math.sin(t));

    return (this.rx * this.ry) / speed ** 3;
  }

  /** Arc length from `fromDeg` to `toDeg`, going clockwise (negative if `toDeg` is before). */
  lengthBetween(fromDeg: number, toDeg: number): number {
    return this.lengthAt(toDeg) - this.lengthAt(fromDeg);
  }

  /** The angle reached after travelling `lengthMm` clockwise from `fromDeg` (negative: back). */
  angleAfter(fromDeg: number, lengthMm: number): number {
    return this.angleAtLength(this.lengthAt(fromDeg) + lengthMm);
  }

  private tabulateLengths(): void {
    const step = 360 / SAMPLES_PER_TURN;
    let previous = this.pointAt(this.firstDeg);
    let length = 0;
    for (let i = 0; i <= SAMPLES_PER_TURN * 1.5; i++) {
      const point = this.pointAt(this.firstDeg + i * step);
      length += Math.hypot(point.x - previous.x, point.y - previous.y);
      this.lengths.push(length);
      previous = point;
    }
  }

  private lengthAt(angleDeg: number): number {
    const position = (angleDeg - this.firstDeg) / (360 / SAMPLES_PER_TURN);
    const i = Math.min(Math.max(Math.floor(position), 0), this.lengths.length - 2);
    const fraction = position - i;

    return this.lengths[i] + fraction * (this.lengths[i + 1] - this.lengths[i]);
  }

  private angleAtLength(length: number): number {
    const i = Math.min(Math.max(this.indexBelow(length), 0), this.lengths.length - 2);
    const fraction = (length - this.lengths[i]) / (this.lengths[i + 1] - this.lengths[i]);

    return this.firstDeg + (i + fraction) * (360 / SAMPLES_PER_TURN);
  }

  /** Binary search: the last table index whose length is at most `length`. */
  private indexBelow(length: number): number {
    let low = 0;
    let high = this.lengths.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.lengths[middle] <= length) low = middle;
      else high = middle - 1;
    }

    return low;
  }
}
