/**
 * The two signers under comparison, set up with the same RSA-2048 key, the same certificate
 * chain and the same seal image, placed at the same spot.
 */
import { sign } from 'node:crypto';

import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { P12Signer } from '@signpdf/signer-p12';
import signpdf from '@signpdf/signpdf';
import forge from 'node-forge';
import { PDFDocument } from 'pdf-lib';

import { signPdf } from '../src/signing';
import type { SealAppearance, SignerIdentity, SignPdfResult } from '../src/signing';
import { sealPng } from '../test/fixtures/seal-png';
import { createTestPki } from '../test/fixtures/test-pki';

/** What every signer in the run shares. */
export interface BenchIdentity {
  signer: SignerIdentity;
  appearance: SealAppearance;
  /** The same key and chain as PKCS#12, for @signpdf/signer-p12. */
  p12: Buffer;
}

const P12_PASSWORD = 'bench';
const SEAL_SIZE_PX = 120;
const SEAL = { x: 200, y: 200, width: 120 };
const SIGNING_TIME = new Date('2025-01-01T00:00:00Z');

/** A fresh RSA-2048 signer under a test root, and the fixtures' seal image. */
export function createIdentity(): BenchIdentity {
  const { signer } = createTestPki('rsa');

  return {
    signer,
    appearance: { png: sealPng(SEAL_SIZE_PX), width: SEAL.width, height: SEAL.width },
    p12: toP12(signer),
  };
}

/**
 * The engine: signs `pdf` on page `page`, the seal centred at the same point as @signpdf's. The
 * result keeps the input and the appended update apart, as the signing service stores them.
 */
export function signWithEngine(
  identity: BenchIdentity,
  pdf: Buffer,
  page = 1,
): Promise<SignPdfResult> {
  return signPdf({
    pdf,
    signer: identity.signer,
    appearance: identity.appearance,
    placement: { page, x: SEAL.x, y: SEAL.y, width: SEAL.width },
    signingTime: SIGNING_TIME,
    signerName: 'Bench Seal',
    reason: 'benchmark',
  });
}

/** The engine, with its output joined into one Buffer as a caller holding whole files would. */
export async function signWithEngineJoined(
  identity: BenchIdentity,
  pdf: Buffer,
  page = 1,
): Promise<Buffer> {
  return (await signWithEngine(identity, pdf, page)).pdf;
}

/**
 * @signpdf's documented pdf-lib flow, with the seal image drawn where the engine puts it: load
 * the whole document, embed the PNG, add the placeholder, save the whole document again, then
 * sign with the PKCS#12 (forge decrypts it and signs in JavaScript on every call).
 */
export async function signWithSignpdf(identity: BenchIdentity, pdf: Buffer): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf);
  const page = doc.getPage(0);
  const image = await doc.embedPng(identity.appearance.png);
  const x = SEAL.x - SEAL.width / 2;
  const y = page.getHeight() - SEAL.y - SEAL.width / 2;
  page.drawImage(image, { x, y, width: SEAL.width, height: SEAL.width });
  pdflibAddPlaceholder({
    pdfPage: page,
    reason: 'benchmark',
    contactInfo: '',
    name: 'Bench Seal',
    location: '',
    signingTime: SIGNING_TIME,
    widgetRect: [x, y, x + SEAL.width, y + SEAL.width],
  });
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
  const signer = new P12Signer(identity.p12, { passphrase: P12_PASSWORD });

  return signpdf.sign(prepared, signer, SIGNING_TIME);
}

/** The raw limit: one PKCS#1 v1.5 SHA-256 signature over signed-attributes-sized input. */
export function signNatively(identity: BenchIdentity, data: Buffer): Buffer {
  return sign('sha256', data, identity.signer.privateKey);
}

/** PKCS#12 with the default forge protection (3DES, PBKDF iterations), as tools make it. */
function toP12(signer: SignerIdentity): Buffer {
  const keyPem = signer.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = forge.pki.privateKeyFromPem(keyPem);
  const chain = signer.certificates.map((der) =>
    forge.pki.certificateFromAsn1(forge.asn1.fromDer(der.toString('binary'))),
  );
  const p12 = forge.pkcs12.toPkcs12Asn1(key, chain, P12_PASSWORD, { algorithm: '3des' });

  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}
