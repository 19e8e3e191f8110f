import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';

/** The decoded streams of a document's /DSS (ETSI EN 319 142-1 5.4), read with pdf-lib. */
export interface DssContents {
  certs: Buffer[];
  crls: Buffer[];
  ocsps: Buffer[];
}

export async function readDss(pdf: Buffer): Promise<DssContents> {
  const doc = await PDFDocument.load(pdf, { ignoreEncryption: true, updateMetadata: false });
  const dss = doc.catalog.lookupMaybe(PDFName.of('DSS'), PDFDict);
  if (!dss) throw new Error('the catalog has no /DSS');
  const streams = (key: string): Buffer[] => {
    const array = dss.lookupMaybe(PDFName.of(key), PDFArray);

    return (array?.asArray() ?? []).map((ref) => {
      const stream = doc.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) throw new Error(`/DSS /${key} holds a non-stream`);

      return Buffer.from(decodePDFRawStream(stream).decode());
    });
  };

  return { certs: streams('Certs'), crls: streams('CRLs'), ocsps: streams('OCSPs') };
}
