import { createPublicKey, type KeyObject, type X509Certificate } from 'node:crypto';

/** The certificate for `privateKey`; else the one that issued none of the others (a guess). */
export function findLeaf(certificates: X509Certificate[], privateKey: KeyObject): X509Certificate {
  const spki = spkiOf(privateKey);
  const matching = certificates.find((c) => spkiOf(c.publicKey).equals(spki));
  if (matching) return matching;
  const issuesNothing = certificates.find(
    (candidate) => !certificates.some((other) => other !== candidate && issued(candidate, other)),
  );

  return issuesNothing ?? certificates[0];
}

/**
 * Walks from the leaf up through whichever certificates issued it, nearest issuer first. Files
 * list their certificates in any order and sometimes add unrelated ones; those are left out.
 */
export function issuersOf(leaf: X509Certificate, pool: X509Certificate[]): X509Certificate[] {
  const chain: X509Certificate[] = [];
  let current = leaf;
  for (;;) {
    if (isSelfIssued(current)) return chain;
    const issuer = pool.find((c) => !chain.includes(c) && c !== leaf && issued(c, current));
    if (!issuer) return chain;
    chain.push(issuer);
    current = issuer;
  }
}

/** SubjectPublicKeyInfo DER: equal for a private key and its certificate's public key. */
export function spkiOf(key: KeyObject): Buffer {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;

  return publicKey.export({ type: 'spki', format: 'der' });
}

/** Names chain (and key identifiers, when present) and the issuer's key verifies the signature. */
function issued(issuer: X509Certificate, subject: X509Certificate): boolean {
  return subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
}

function isSelfIssued(certificate: X509Certificate): boolean {
  return certificate.subject === certificate.issuer && issued(certificate, certificate);
}
