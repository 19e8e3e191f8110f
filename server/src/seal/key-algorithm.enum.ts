import { registerEnumType } from 'type-graphql';

/** Key pair kinds a seal can hold. */
export enum KeyAlgorithm {
  RSA_2048 = 'RSA_2048',
  RSA_3072 = 'RSA_3072',
  RSA_4096 = 'RSA_4096',
  EC_P256 = 'EC_P256',
  EC_P384 = 'EC_P384',
}

registerEnumType(KeyAlgorithm, {
  name: 'KeyAlgorithm',
  description: 'Algorithm and size of a seal key pair.',
  valuesConfig: {
    RSA_2048: { description: 'RSA with a 2048-bit modulus (default).' },
    RSA_3072: { description: 'RSA with a 3072-bit modulus.' },
    RSA_4096: { description: 'RSA with a 4096-bit modulus.' },
    EC_P256: { description: 'ECDSA on NIST P-256.' },
    EC_P384: { description: 'ECDSA on NIST P-384.' },
  },
});
