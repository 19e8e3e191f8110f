import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';

/** A plain A4 document with some text, made here so tests need no files from outside. */
export async function samplePdf(
  pages = 2,
  options: { objectStreams?: boolean } = {},
): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n++) {
    const page = pdf.addPage([595.28, 841.89]);
    page.drawText(`Sample contract, page ${n} of ${pages}`, { x: 72, y: 770, size: 16, font });
    page.drawText('The parties agree to the terms set out below.', {
      x: 72,
      y: 740,
      size: 11,
      font,
    });
    page.drawRectangle({ x: 72, y: 100, width: 451, height: 1, color: rgb(0, 0, 0) });
  }

  return Buffer.from(await pdf.save({ useObjectStreams: options.objectStreams ?? false }));
}
