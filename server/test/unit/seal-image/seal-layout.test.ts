import { renderSealImage, type SealImageSpec } from '../../../src/seal/image';
import { nameSealPlacements, sealText } from '../../../src/seal/image/name-seal.layout';
import { OFFICIAL_SEAL } from '../../../src/seal/image/round-seal.layout';

/** The path data of each `<path>` in order: ring, star, organisation, seal name, code. */
function pathsOf(svg: string): string[] {
  return Array.from(svg.matchAll(/<path d="([^"]*)"/g), (match) => match[1]);
}

/** Every on-curve and control point of a path, all absolute (the renderer writes no arcs here). */
function pointsOf(d: string): { x: number; y: number }[] {
  const numbers = (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);

  return Array.from({ length: numbers.length / 2 }, (_, i) => ({
    x: numbers[2 * i],
    y: numbers[2 * i + 1],
  }));
}

describe('the official seal layout', () => {
  const spec: SealImageSpec = {
    type: 'OFFICIAL',
    ownerName: '杭州某某科技有限公司',
    name: '合同专用章',
    code: '3301060123456',
  };
  const [, , owner, name, code] = pathsOf(renderSealImage(spec).svg);
  const radius = OFFICIAL_SEAL.diameterMm / 2;
  const ringInner = radius - OFFICIAL_SEAL.ringMm;
  const starRadius = OFFICIAL_SEAL.starMm / 2;
  const distance = (p: { x: number; y: number }) => Math.hypot(p.x - radius, p.y - radius);

  it('keeps the organisation name between the star and the border', () => {
    const distances = pointsOf(owner).map(distance);

    expect(Math.max(...distances)).toBeLessThan(ringInner - 0.3);
    expect(Math.min(...distances)).toBeGreaterThan(starRadius + 1);
  });

  it('writes the seal name level, below the star, inside the border', () => {
    const points = pointsOf(name);
    const starBottom = radius + starRadius * Math.cos(Math.PI / 5);

    expect(Math.min(...points.map((p) => p.y))).toBeGreaterThan(starBottom + 0.5);
    expect(Math.max(...points.map(distance))).toBeLessThan(ringInner - 0.3);
  });

  it('puts the code inside the border, under the seal name', () => {
    const points = pointsOf(code);
    const nameBottom = Math.max(...pointsOf(name).map((p) => p.y));

    expect(Math.max(...points.map(distance))).toBeLessThan(ringInner);
    expect(Math.min(...points.map((p) => p.y))).toBeGreaterThan(nameBottom);
  });
});

describe('a round seal for a very long organisation name', () => {
  const spec: SealImageSpec = {
    type: 'OFFICIAL',
    ownerName: '中国某某某某某某某某工程建设集团有限责任公司第一分公司',
    name: '合同专用章',
  };
  const [, , owner, name] = pathsOf(renderSealImage(spec).svg);
  const radius = OFFICIAL_SEAL.diameterMm / 2;

  it('keeps all 26 characters inside the border', () => {
    const distances = pointsOf(owner).map((p) => Math.hypot(p.x - radius, p.y - radius));

    expect(Math.max(...distances)).toBeLessThan(radius - OFFICIAL_SEAL.ringMm - 0.3);
  });

  it('keeps them clear of the seal name', () => {
    const namePoints = pointsOf(name);
    const [left, right] = [
      Math.min(...namePoints.map((p) => p.x)),
      Math.max(...namePoints.map((p) => p.x)),
    ];
    const top = Math.min(...namePoints.map((p) => p.y));
    const inNameBox = (p: { x: number; y: number }) => p.x > left && p.x < right && p.y > top;

    expect(pointsOf(owner).some(inNameBox)).toBe(false);
  });
});

describe('name seal text', () => {
  it('completes a two-character name with 之印', () => {
    expect(sealText('张三')).toBe('张三之印');
  });

  it('completes a three-character name with 印', () => {
    expect(sealText('李小明')).toBe('李小明印');
  });

  it('cuts a four-character name as it is', () => {
    expect(sealText('欧阳修远')).toBe('欧阳修远');
  });
});

describe('name seal layout', () => {
  const at = (name: string) =>
    nameSealPlacements(name).map(({ char, centre }) => ({
      char,
      column: centre.x > 10 ? 'right' : 'left',
      row: centre.y < 10 ? 'top' : 'bottom',
    }));

  it('reads 张三之印 in two columns, right column first, each top to bottom', () => {
    expect(at('张三')).toEqual([
      { char: '张', column: 'right', row: 'top' },
      { char: '三', column: 'right', row: 'bottom' },
      { char: '之', column: 'left', row: 'top' },
      { char: '印', column: 'left', row: 'bottom' },
    ]);
  });

  it('reads 李小明印 and 欧阳修远 the same way', () => {
    expect(at('李小明').map((p) => p.char + p.column[0] + p.row[0])).toEqual([
      '李rt',
      '小rb',
      '明lt',
      '印lb',
    ]);
    expect(at('欧阳修远').map((p) => p.column)).toEqual(['right', 'right', 'left', 'left']);
  });

  it('keeps every character inside the 20 mm square', () => {
    for (const { centre, heightMm } of nameSealPlacements('张三')) {
      expect(centre.y - heightMm / 2).toBeGreaterThan(0);
      expect(centre.y + heightMm / 2).toBeLessThan(20);
    }
  });
});
