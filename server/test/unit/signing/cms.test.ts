import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

import { buildCadesDetached } from '../../../src/signing';
import { createTestPki } from '../../fixtures/test-pki';
import { tempDir } from '../../support/temp-dir';

type Asn1 = forge.asn1.Asn1;
const SIGNING_TIME = '1.2.840.113549.1.9.5';
const SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';

describe('buildCadesDetached', () => {
  const pki = createTestPki('rsa');
  const content = randomBytes(1000);
  const cms = buildCadesDetached({ digest: sha256(content), signer: pki.signer });
  const signedAttrs = signerInfo(cms)[3].value as Asn1[];

  it('verifies with openssl cms -cades against the detached content and the CA', () => {
    const dir = tempDir('eseal-cms-');
    writeFileSync(join(dir, 'sig.der'), cms);
    writeFileSync(join(dir, 'content.bin'), content);
    writeFileSync(join(dir, 'ca.pem'), pki.caPem);
    const result = spawnSync('openssl', [
      ...['cms', '-verify', '-binary', '-inform', 'DER', '-cades', '-purpose', 'any'],
      ...['-in', join(dir, 'sig.der'), '-content', join(dir, 'content.bin')],
      ...['-CAfile', join(dir, 'ca.pem'), '-out', join(dir, 'out.bin')],
    ]);

    expect(result.stderr.toString()).toContain('Verification successful');
  });

  it('orders the signed attributes by their DER encodings', () => {
    const encodings = signedAttrs.map(der);
    const sorted = [...encodings].sort((a, b) => Buffer.compare(a, b));

    expect(encodings).toEqual(sorted);
  });

  it('binds the signer certificate through signing-certificate-v2 and has no signing-time', () => {
    const types = signedAttrs.map((attr) => oidOf((attr.value as Asn1[])[0]));
    const essCert = attributeValue(signedAttrs, SIGNING_CERTIFICATE_V2);
    const essCertIdV2 = ((essCert.value as Asn1[])[0].value as Asn1[])[0].value as Asn1[];

    expect(types).not.toContain(SIGNING_TIME);
    expect(Buffer.from(essCertIdV2[0].value as string, 'binary')).toEqual(
      sha256(pki.signer.certificates[0]),
    );
  });

  it('signs with an EC key as ecdsa-with-SHA256', () => {
    const ec = createTestPki('p256');
    const info = signerInfo(buildCadesDetached({ digest: sha256(content), signer: ec.signer }));

    expect(oidOf((info[4].value as Asn1[])[0])).toBe('1.2.840.10045.4.3.2');
  });
});

function signerInfo(cms: Buffer): Asn1[] {
  const root = forge.asn1.fromDer(cms.toString('binary'));
  const signedData = ((root.value as Asn1[])[1].value as Asn1[])[0].value as Asn1[];
  const signerInfos = signedData[signedData.length - 1].value as Asn1[];

  return signerInfos[0].value as Asn1[];
}

function attributeValue(attrs: Asn1[], type: string): Asn1 {
  const attr = attrs.find((a) => oidOf((a.value as Asn1[])[0]) === type)!;

  return ((attr.value as Asn1[])[1].value as Asn1[])[0];
}

function oidOf(node: Asn1): string {
  return forge.asn1.derToOid(node.value as string);
}

function der(node: Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');
}

function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}
