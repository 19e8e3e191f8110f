/**
 * The benchmark's input PDFs, generated on every run. They are written here the way most PDF
 * writers lay a file out (one body, one xref subsection covering every object); the large one
 * takes its image data from a seeded stream so that every run signs the same bytes and no
 * compression can shrink them. One more comes from the test fixtures' writer, which gives each
 * object an xref subsection of its own.
 */
import { createCipheriv, createHash } from 'node:crypto';

import { buildPdf } from '../test/fixtures/pdf-fixtures';

export interface BenchInputs {
  onePage: Buffer;
  hundredPages: Buffer;
  /** The same hundred pages from the fixtures' writer: 201 one-entry xref subsections. */
  hundredPagesSplitXref: Buffer;
  large: Buffer;
}

/** Bytes of image data per page of the large file; five such pages make about 20 MiB. */
const LARGE_IMAGE = { width: 1024, height: 1365 };
const LARGE_PAGES = 5;
const SEED = 'eseal-bench-v1';

export function generateInputs(): BenchInputs {
  return {
    onePage: buildTextPdf(1),
    hundredPages: buildTextPdf(100),
    hundredPagesSplitXref: buildPdf({ pages: Array.from({ length: 100 }, () => ({})) }),
    large: buildLargePdf(),
  };
}

/** Deterministic, incompressible bytes: the AES-128-CTR keystream of a key derived from a seed. */
export function seededBytes(length: number, seed: string): Buffer {
  const digest = createHash('sha256').update(seed).digest();
  const cipher = createCipheriv('aes-128-ctr', digest.subarray(0, 16), digest.subarray(16));

  return Buffer.concat([cipher.update(Buffer.alloc(length)), cipher.final()]);
}

/**
 * A4 pages of one line of Helvetica each: object 1 catalog, 2 page tree, 3 info, 4 font, then
 * page and content for each page.
 */
export function buildTextPdf(pages: number): Buffer {
  const out = new PdfWriter();
  const pageNumbers = Array.from({ length: pages }, (_, i) => 5 + 2 * i);
  documentHead(out, pageNumbers);
  out.object(4, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  for (const [i, n] of pageNumbers.entries()) {
    out.object(n, pageDict(n, '/Font << /F1 4 0 R >>'));
    out.stream(n + 1, '', Buffer.from(`BT /F1 24 Tf 72 720 Td (Page ${i + 1}) Tj ET`, 'latin1'));
  }

  return out.finish('/Root 1 0 R /Info 3 0 R');
}

/**
 * A few A4 pages, each painting one uncompressed RGB image of seeded noise over the whole page,
 * with a classic xref table: object 1 catalog, 2 page tree, 3 info, then page, content and
 * image for each page.
 */
function buildLargePdf(): Buffer {
  const out = new PdfWriter();
  const pageNumbers = Array.from({ length: LARGE_PAGES }, (_, i) => 4 + 3 * i);
  documentHead(out, pageNumbers);
  for (const [i, n] of pageNumbers.entries()) largePage(out, n, i);

  return out.finish('/Root 1 0 R /Info 3 0 R');
}

function documentHead(out: PdfWriter, pageNumbers: number[]): void {
  out.object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  const kids = pageNumbers.map((n) => `${n} 0 R`).join(' ');
  out.object(2, `<< /Type /Pages /Count ${pageNumbers.length} /Kids [${kids}] >>`);
  out.object(3, '<< /Producer (eseal benchmark) >>');
}

function pageDict(number: number, resources: string): string {
  return `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Contents ${number + 1} 0 R /Resources << ${resources} >> >>`;
}

function largePage(out: PdfWriter, number: number, index: number): void {
  const { width, height } = LARGE_IMAGE;
  const pixels = seededBytes(width * height * 3, `${SEED}:page${index + 1}`);
  const draw = 'q 595.28 0 0 841.89 0 0 cm /Im1 Do Q';
  out.object(number, pageDict(number, `/XObject << /Im1 ${number + 2} 0 R >>`));
  out.stream(number + 1, '', Buffer.from(draw, 'latin1'));
  out.stream(
    number + 2,
    `/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8`,
    pixels,
  );
}

/** Writes numbered objects in order and ends with one xref subsection listing them all. */
class PdfWriter {
  private readonly chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  private readonly offsets = new Map<number, number>();
  private length = this.chunks[0].length;

  object(number: number, body: string): void {
    this.offsets.set(number, this.length);
    this.write(Buffer.from(`${number} 0 obj\n${body}\nendobj\n`, 'latin1'));
  }

  stream(number: number, entries: string, data: Buffer): void {
    this.offsets.set(number, this.length);
    const dict = [entries, `/Length ${data.length}`].filter(Boolean).join(' ');
    this.write(Buffer.from(`${number} 0 obj\n<< ${dict} >>\nstream\n`, 'latin1'));
    this.write(data);
    this.write(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  }

  finish(trailer: string): Buffer {
    const xrefAt = this.length;
    const size = Math.max(...this.offsets.keys()) + 1;
    const fullTrailer = `/Size ${size} ${trailer}`;
    const rows = Array.from({ length: size }, (_, n) => {
      const offset = this.offsets.get(n);

      return offset === undefined
        ? '0000000000 65535 f \n'
        : `${String(offset).padStart(10, '0')} 00000 n \n`;
    });
    this.write(Buffer.from(`xref\n0 ${size}\n${rows.join('')}trailer\n<< ${fullTrailer} >>\n`));
    this.write(Buffer.from(`startxref\n${xrefAt}\n%%EOF\n`, 'latin1'));

    return Buffer.concat(this.chunks);
  }

  private write(bytes: Buffer): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }
}
