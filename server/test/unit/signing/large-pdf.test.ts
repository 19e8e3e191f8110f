import { signPdf } from '../../../src/signing';
import { expectValidSignedPdf } from '../../helpers/signed-pdf-checks';
import { pki, signingInput } from './signing-inputs';

/**
 * Slow (about 10 s): a file above 100 MB, so that offsets reach nine digits and a new xref
 * stream needs four-byte offset fields. Kept in the suite because large inputs are where
 * offset arithmetic and needless copies of the file would show.
 */
describe('a PDF above 100 MB (slow)', () => {
  it.each(['table', 'stream'] as const)(
    'signs one with an xref %s and a 110 MB uncompressed image',
    async (kind) => {
      const input = largePdf(110 * 1024 * 1024, kind);
      const { pdf: output, report } = await signPdf(signingInput(input));

      expect(report.byteRange[2]).toBeGreaterThan(100 * 1024 * 1024);
      await expectValidSignedPdf({ input, output, caPem: pki.caPem });
    },
    60_000,
  );
});

/** One A4 page whose resources hold a grey image of `size` bytes, not drawn. */
function largePdf(size: number, kind: 'table' | 'stream'): Buffer {
  const width = 8192;
  const height = Math.ceil(size / width);
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const write = (chunk: Buffer | string) => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    parts.push(bytes);
    length += bytes.length;
  };
  const object = (number: number, body: string, stream?: Buffer) => {
    offsets[number] = length;
    write(`${number} 0 obj\n${body}\n`);
    if (stream)
      write(Buffer.concat([Buffer.from('stream\n'), stream, Buffer.from('\nendstream\n')]));
    write('endobj\n');
  };
  write('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, '<< /Type /Pages /Count 1 /Kids [3 0 R] >>');
  const image = `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${width * height} >>`;
  object(4, image, Buffer.alloc(width * height, 0xc0));
  object(
    3,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Big 4 0 R >> >> >>',
  );
  const xrefAt = length;
  if (kind === 'table') {
    const rows = offsets
      .slice(1)
      .map((offset) => `${String(offset).padStart(10, '0')} 00000 n\r\n`);
    write(`xref\n0 5\n0000000000 65535 f\r\n${rows.join('')}trailer\n<< /Size 5 /Root 1 0 R >>\n`);
  } else {
    const rows = [Buffer.from([0, 0, 0, 0, 0])];
    for (const offset of [...offsets.slice(1), xrefAt]) {
      const row = Buffer.alloc(5);
      row.writeUInt8(1, 0);
      row.writeUInt32BE(offset, 1);
      rows.push(row);
    }
    const data = Buffer.concat(rows);
    object(5, `<< /Type /XRef /Size 6 /W [1 4 0] /Root 1 0 R /Length ${data.length} >>`, data);
  }
  write(`startxref\n${xrefAt}\n%%EOF\n`);

  return Buffer.concat(parts);
}
