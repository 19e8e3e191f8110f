export { checkSigningCredentials } from './signing-credentials';
export { ImportError, type ImportErrorCode } from './import-error';
export type { ImportedCredentials } from './imported-credentials';
export { readPem } from './pem';
export { readPkcs12 } from './pkcs12';
