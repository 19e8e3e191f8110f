import { layOutArc, type ArcRun } from '../../../src/seal/image/arc-text';
import { EllipseTrack } from '../../../src/seal/image/ellipse-track';
import type { GlyphPlacement } from '../../../src/seal/image/glyph-placement';

const CENTRE = { x: 21, y: 21 };
const circle = new EllipseTrack(CENTRE, 15.7, 15.7);

function run(overrides: Partial<ArcRun>): ArcRun {
  return {
    text: '杭州某某科技有限公司',
    track: circle,
    heightMm: 6.6,
    centreDeg: 0,
    lengthMm: circle.lengthBetween(-110, 110),
    facing: 'outward',
    maxWidthScale: 1,
    ...overrides,
  };
}

/** Degrees clockwise from 12 o'clock of a placement's centre, seen from the seal's centre. */
const bearing = ({ centre }: GlyphPlacement) =>
  (Math.atan2(centre.x - CENTRE.x, CENTRE.y - centre.y) * 180) / Math.PI;

const steps = (values: number[]) => values.slice(1).map((value, i) => value - values[i]);

describe('text along the upper arc', () => {
  const placements = layOutArc(run({}));
  const bearings = placements.map(bearing);

  it('spreads the characters evenly and symmetrically over the span, reading clockwise', () => {
    const pitch = 220 / placements.length;

    expect(bearings[0]).toBeCloseTo(-110 + pitch / 2, 1);
    expect(bearings.at(-1)).toBeCloseTo(110 - pitch / 2, 1);
    steps(bearings).forEach((step) => expect(step).toBeCloseTo(pitch, 1));
  });

  it('stands each character upright to the arc, its top facing outwards', () => {
    placements.forEach((p, i) => expect(p.rotationDeg).toBeCloseTo(bearings[i], 6));
  });

  it('condenses a long name so neighbours do not touch at their inner edge', () => {
    const long = layOutArc(
      run({ text: '北京某某某某信息技术股份有限公司', lengthMm: circle.lengthBetween(-120, 120) }),
    );
    const innerPitchMm = ((240 / long.length) * Math.PI * (15.7 - 6.6 / 2)) / 180;
    const glyphWidthMm = long[0].heightMm * long[0].widthScale;

    expect(long[0].widthScale).toBeLessThan(0.8);
    expect(glyphWidthMm).toBeLessThan(innerPitchMm);
  });

  it('does not stretch a short name wider than the font draws it', () => {
    expect(layOutArc(run({ text: '某某公司' })).every((p) => p.widthScale === 1)).toBe(true);
  });

  it('lays out nothing for empty text', () => {
    expect(layOutArc(run({ text: '' }))).toEqual([]);
  });
});

describe('text along the lower arc', () => {
  const placements = layOutArc(
    run({ text: '3301060123456', centreDeg: 180, lengthMm: 20, facing: 'inward', heightMm: 2.4 }),
  );

  it('reads left to right with the tops of the digits towards the centre', () => {
    steps(placements.map((p) => p.centre.x)).forEach((step) => expect(step).toBeGreaterThan(0));
    placements.forEach((p) => {
      const towardsCentre = (bearing(p) + 180 + 360) % 360;

      expect((p.rotationDeg + 720) % 360).toBeCloseTo(towardsCentre, 6);
    });
  });

  it('is centred on the bottom of the seal', () => {
    const middle = placements[6];

    expect(middle.centre.x).toBeCloseTo(CENTRE.x, 1);
    expect(middle.centre.y).toBeGreaterThan(CENTRE.y);
  });
});

describe('text along an oval', () => {
  const oval = new EllipseTrack({ x: 20, y: 15 }, 16.3, 11.3);
  const placements = layOutArc(
    run({ track: oval, heightMm: 4.3, lengthMm: oval.lengthBetween(-105, 105) }),
  );

  it('spaces characters by equal distance along the curve, not by equal angle', () => {
    const gaps = steps(placements.map((p) => p.centre.x)).map((_, i) => {
      const [a, b] = [placements[i].centre, placements[i + 1].centre];

      return Math.hypot(b.x - a.x, b.y - a.y);
    });

    // Chords run a little short of the arc where the oval bends tightly; equal angles instead
    // would make the gaps at the ends 44 % (16.3 / 11.3) wider than those at the top.
    gaps.forEach((gap) => expect(Math.abs(gap / gaps[0] - 1)).toBeLessThan(0.03));
  });
});
