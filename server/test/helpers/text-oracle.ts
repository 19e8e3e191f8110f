import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { outputOf, runTool } from './external-tool';

/** Where MuPDF sees a keyword: the bounding box centre of its characters, displayed points. */
export interface OracleHit {
  x: number;
  y: number;
}

interface StextChar {
  c: string;
  xs: number[];
  ys: number[];
}

/**
 * Finds a keyword the way an independent reader extracts it: `mutool draw -F stext` gives every
 * character's quad on the displayed page (rotation and crop box applied, y down).
 */
export async function mupdfKeywordHits(
  pdf: Buffer | string,
  page: number,
  keyword: string,
): Promise<OracleHit[]> {
  const dir = await mkdtemp(join(tmpdir(), 'stext-'));
  try {
    const file = typeof pdf === 'string' ? pdf : join(dir, 'in.pdf');
    if (typeof pdf !== 'string') await writeFile(file, pdf);
    const result = await runTool('mutool', ['draw', '-F', 'stext', '-o', '-', file, String(page)]);
    if (result.exitCode !== 0) throw new Error(`mutool stext failed:\n${outputOf(result)}`);

    return locate(parseChars(Buffer.from(result.stdout, 'latin1').toString('utf8')), keyword);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function parseChars(xml: string): StextChar[] {
  const chars: StextChar[] = [];
  for (const match of xml.matchAll(/<char quad="([^"]+)"[^>]* c="([^"]*)"/g)) {
    const q = match[1].split(' ').map(Number);
    chars.push({
      c: decodeEntity(match[2]),
      xs: [q[0], q[2], q[4], q[6]],
      ys: [q[1], q[3], q[5], q[7]],
    });
  }

  return chars.filter((ch) => ch.c.trim() !== '');
}

function decodeEntity(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&apos;/g, "'");
}

function locate(chars: StextChar[], keyword: string): OracleHit[] {
  const text = chars.map((ch) => ch.c).join('');
  const wanted = keyword.replace(/\s+/g, '');
  const hits: OracleHit[] = [];
  for (let at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + wanted.length)) {
    const run = chars.slice(at, at + wanted.length);
    const xs = run.flatMap((ch) => ch.xs);
    const ys = run.flatMap((ch) => ch.ys);
    hits.push({
      x: (Math.min(...xs) + Math.max(...xs)) / 2,
      y: (Math.min(...ys) + Math.max(...ys)) / 2,
    });
  }

  return hits;
}

/**
 * Where poppler sees a whole word: `pdftotext -bbox` boxes, displayed points. Poppler takes a
 * standard font's ascent and descent from its AFM metrics, as the engine does, while MuPDF uses
 * its substitute font's, which puts Latin centres a point or two apart.
 */
export async function popplerWordHits(
  pdf: Buffer,
  word: string,
): Promise<(OracleHit & { page: number })[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bbox-'));
  try {
    const file = join(dir, 'in.pdf');
    await writeFile(file, pdf);
    const result = await runTool('pdftotext', ['-bbox', file, '-']);
    if (result.exitCode !== 0) throw new Error(`pdftotext -bbox failed:\n${outputOf(result)}`);
    const hits: (OracleHit & { page: number })[] = [];
    Buffer.from(result.stdout, 'latin1')
      .toString('utf8')
      .split('<page ')
      .slice(1)
      .forEach((page, index) => {
        for (const m of page.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g,
        )) {
          if (m[5] !== word) continue;
          const [xMin, yMin, xMax, yMax] = m.slice(1, 5).map(Number);
          hits.push({ page: index + 1, x: (xMin + xMax) / 2, y: (yMin + yMax) / 2 });
        }
      });

    return hits;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
