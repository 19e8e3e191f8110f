import forge from 'node-forge';

/** A throwaway root CA and one seal certificate it issued, made fresh for a test run. */
export interface TestPki {
  caPem: string;
  signerCertificate: forge.pki.Certificate;
  signerKeyPem: string;
  /** The signer's key and chain as PKCS#12, for @signpdf/signer-p12. */
  p12: Buffer;
  p12Password: string;
}

const P12_PASSWORD = 'test';

/** Generates the PKI with node-forge; RSA 2048 so that every validator accepts it. */
export function createTestPki(): TestPki {
  const caKeys = forge.pki.rsa.generateKeyPair({ bits: 2048 });
  const signerKeys = forge.pki.rsa.generateKeyPair({ bits: 2048 });
  const caName = [{ name: 'commonName', value: 'eseal test root CA' }];
  const ca = certificate(caKeys.publicKey, caName, caName, '01', [
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());
  const signerName = [{ name: 'commonName', value: 'eseal test seal' }];
  const signer = certificate(signerKeys.publicKey, signerName, caName, '02', [
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
  ]);
  signer.sign(caKeys.privateKey, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(signerKeys.privateKey, [signer, ca], P12_PASSWORD, {
    algorithm: '3des',
  });

  return {
    caPem: forge.pki.certificateToPem(ca),
    signerCertificate: signer,
    signerKeyPem: forge.pki.privateKeyToPem(signerKeys.privateKey),
    p12: Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'),
    p12Password: P12_PASSWORD,
  };
}

function certificate(
  publicKey: forge.pki.PublicKey,
  subject: forge.pki.CertificateField[],
  issuer: forge.pki.CertificateField[],
  serialNumber: string,
  extensions: object[],
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serialNumber;
  cert.validity.notBefore = new Date(Date.now() - 3600_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  cert.setSubject(subject);
  cert.setIssuer(issuer);
  cert.setExtensions(extensions);

  return cert;
}
