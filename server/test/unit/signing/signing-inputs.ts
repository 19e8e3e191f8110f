/**
 * Shared inputs for the engine tests of encryption, existing fields, certification and damaged
 * files: a signer, the seal, and qpdf-made encrypted copies of generated PDFs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';

import type { SignPdfInput } from '../../../src/signing';
import { sealPng } from '../../fixtures/seal-png';
import { createTestPki } from '../../fixtures/test-pki';

export const pki = createTestPki('p256');
const png = sealPng();

/** A signing request for page 1 with the test seal; `extra` overrides any part. */
export function signingInput(pdf: Buffer, extra: Partial<SignPdfInput> = {}): SignPdfInput {
  return {
    pdf,
    signer: pki.signer,
    appearance: { png, width: 60, height: 60 },
    placement: { page: 1, x: 150, y: 150 },
    signingTime: new Date('2025-03-01T10:20:30Z'),
    signerName: 'Test Seal',
    reason: 'Approved (for the test)',
    location: '北京',
    ...extra,
  };
}

/** The checker's view of the placement above. */
export const SEAL = { page: 1, x: 150, y: 150, width: 60, height: 60 };

/** Encrypts with `qpdf --encrypt USER OWNER KEYLENGTH [options] --`. */
export function qpdfEncrypt(
  pdf: Buffer,
  user: string,
  owner: string,
  keyLength: '40' | '128' | '256',
  options: string[] = [],
): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'eseal-encrypt-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    const args = ['--allow-weak-crypto', '--encrypt', user, owner, keyLength, ...options, '--'];
    const result = spawnSync('qpdf', [...args, join(dir, 'in.pdf'), join(dir, 'out.pdf')]);
    if (result.status !== 0) throw new Error(`qpdf --encrypt failed: ${result.stderr.toString()}`);

    return readFileSync(join(dir, 'out.pdf'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The error a call throws or a promise rejects with, so its code can be asserted. */
export async function failure(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }

  return undefined;
}

/** An empty signature field to put in a generated input. */
export interface EmptyFieldSpec {
  name: string;
  /** 1-based page; default 1. */
  page?: number;
  rect?: [number, number, number, number];
  /** A field-level /Lock dictionary (ISO 32000-2 Table 236), e.g. { Action: 'All' }. */
  lock?: Record<string, unknown>;
  /** Field and widget as separate objects (a /Kids widget) instead of merged. */
  separateWidget?: boolean;
}

/** Adds empty signature fields with their widgets, saved by pdf-lib as a new file. */
export async function withEmptyFields(pdf: Buffer, specs: EmptyFieldSpec[]): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const fields = doc.context.obj([]);
  for (const spec of specs) {
    const page = doc.getPages()[(spec.page ?? 1) - 1];
    const widget = {
      Type: 'Annot',
      Subtype: 'Widget',
      Rect: spec.rect ?? [300, 500, 420, 560],
      F: 4,
      P: page.ref,
    };
    const field = { FT: 'Sig', T: PDFString.of(spec.name), ...(spec.lock && { Lock: spec.lock }) };
    const fieldRef = doc.context.register(
      doc.context.obj(spec.separateWidget ? field : { ...field, ...widget }),
    );
    let widgetRef = fieldRef;
    if (spec.separateWidget) {
      widgetRef = doc.context.register(doc.context.obj({ ...widget, Parent: fieldRef }));
      doc.context.lookup(fieldRef, PDFDict).set(PDFName.of('Kids'), doc.context.obj([widgetRef]));
    }
    fields.push(fieldRef);
    page.node.addAnnot(widgetRef);
  }
  doc.catalog.set(PDFName.of('AcroForm'), doc.context.obj({ Fields: fields }));

  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
