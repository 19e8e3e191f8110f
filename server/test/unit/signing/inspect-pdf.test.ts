import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { inspectPdf, signPdf } from '../../../src/signing';
import { buildPdf } from '../../fixtures/pdf-fixtures';
import { sealPng } from '../../fixtures/seal-png';
import { createTestPki } from '../../fixtures/test-pki';
import { tempDir } from '../../support/temp-dir';

describe('inspectPdf', () => {
  it('reports pages, version and no signatures for a fresh file', () => {
    const info = inspectPdf(buildPdf({ pages: [{}, {}, {}], xref: 'stream', objectStreams: true }));

    expect(info).toEqual({
      pageCount: 3,
      encrypted: false,
      signatureCount: 0,
      version: '1.7',
      needsRebuild: false,
    });
  });

  it('counts the signatures of a signed file', async () => {
    const signed = await signPdf({
      pdf: buildPdf(),
      signer: createTestPki('p256').signer,
      appearance: { png: sealPng(), width: 50, height: 50 },
      placement: { page: 1, x: 100, y: 100 },
      signingTime: new Date(),
    });

    expect(inspectPdf(signed.pdf).signatureCount).toBe(1);
  });

  it('reports an encrypted file, and signing it fails with ENCRYPTED_PDF', async () => {
    const encrypted = encrypt(buildPdf());

    expect(inspectPdf(encrypted).encrypted).toBe(true);
    await expect(
      signPdf({
        pdf: encrypted,
        signer: createTestPki('p256').signer,
        appearance: { png: sealPng(), width: 50, height: 50 },
        placement: { page: 1, x: 100, y: 100 },
        signingTime: new Date(),
      }),
    ).rejects.toMatchObject({ code: 'ENCRYPTED_PDF' });
  });

  it.each([
    ['garbage', Buffer.from('oops\n')],
    ['a truncated file', buildPdf().subarray(0, 300)],
  ])('throws INVALID_PDF for %s', (_, pdf) => {
    expect(thrown(() => inspectPdf(pdf))).toMatchObject({ code: 'INVALID_PDF' });
  });

  it('reports an unsigned file whose /Prev chain loops as needing a rebuild', () => {
    expect(inspectPdf(loopingPrev())).toMatchObject({ pageCount: 1, needsRebuild: true });
  });
});

function encrypt(pdf: Buffer): Buffer {
  const dir = tempDir('eseal-enc-');
  writeFileSync(join(dir, 'in.pdf'), pdf);
  spawnSync('qpdf', [
    '--encrypt',
    'user',
    'owner',
    '256',
    '--',
    join(dir, 'in.pdf'),
    join(dir, 'out.pdf'),
  ]);

  return readFileSync(join(dir, 'out.pdf'));
}

/** A revision whose trailer's /Prev names its own section. */
function loopingPrev(): Buffer {
  const text = buildPdf({ revisions: 1 }).toString('latin1');
  const last = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1];

  return Buffer.from(
    text.replace(/\/Prev \d+/g, (match) => match.replace(/\d+/, last)),
    'latin1',
  );
}

/** The error a call throws, so its code can be asserted. */
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }

  return undefined;
}
