import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PKI made with the real `openssl` CLI, so the importer is tested against the files
 * users will upload: root → intermediate → seal certificates, keys in several PEM forms and
 * PKCS#12 files in OpenSSL 3's default (PBES2/AES) and legacy (3DES/RC2) encodings.
 */
export class OpensslPki {
  readonly dir = mkdtempSync(join(tmpdir(), 'seal-import-'));

  constructor() {
    this.makeCa('root', undefined);
    this.makeCa('interm', 'root');
  }

  /** Issues a seal certificate from the intermediate; `extensions` is an openssl.cnf section body. */
  makeLeaf(name: string, keyAlgorithm: string[], extensions: string): void {
    this.openssl(
      'req',
      '-new',
      '-newkey',
      ...keyAlgorithm,
      '-nodes',
      '-keyout',
      this.path(`${name}.key`),
      '-out',
      this.path(`${name}.csr`),
      '-subj',
      `/CN=${name}/O=Import Test`,
    );
    this.sign(name, 'interm', extensions);
  }

  /** Writes `openssl pkcs12 -export` output with the chain listed root first, on purpose. */
  exportPkcs12(name: string, password: string, ...options: string[]): Buffer {
    const out = this.path(`${name}${options.join('')}.p12`);
    this.openssl(
      'pkcs12',
      '-export',
      ...options,
      '-in',
      this.path(`${name}.pem`),
      '-inkey',
      this.path(`${name}.key`),
      '-certfile',
      this.path('root-first-chain.pem'),
      '-passout',
      `pass:${password}`,
      '-out',
      out,
    );

    return readFileSync(out);
  }

  /** Runs openssl and returns what it printed. */
  openssl(...args: string[]): string {
    return execFileSync('openssl', args, { encoding: 'latin1', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** What `openssl pkcs12 -info` says of a file's encryption and MAC (it writes to stderr). */
  describePkcs12(file: Buffer, password: string): string {
    const path = this.path('described.p12');
    writeFileSync(path, file);
    const args = [
      'pkcs12',
      '-legacy',
      '-info',
      '-noout',
      '-passin',
      `pass:${password}`,
      '-in',
      path,
    ];

    return spawnSync('openssl', args, { encoding: 'latin1' }).stderr;
  }

  read(file: string): string {
    return readFileSync(this.path(file), 'latin1');
  }

  der(file: string): Buffer {
    return Buffer.from(this.openssl('x509', '-in', this.path(file), '-outform', 'DER'), 'latin1');
  }

  path(file: string): string {
    return join(this.dir, file);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private makeCa(name: string, issuer: string | undefined): void {
    const ext = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n';
    this.openssl(
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      this.path(`${name}.key`),
      '-out',
      this.path(`${name}.csr`),
      '-subj',
      `/CN=Import Test ${name}`,
    );
    this.sign(name, issuer, ext);
    if (issuer)
      writeFileSync(
        this.path('root-first-chain.pem'),
        this.read('root.pem') + this.read(`${name}.pem`),
      );
  }

  private sign(name: string, issuer: string | undefined, extensions: string): void {
    writeFileSync(this.path(`${name}.ext`), `[v3]\n${extensions}subjectKeyIdentifier=hash\n`);
    const signer = issuer
      ? ['-CA', this.path(`${issuer}.pem`), '-CAkey', this.path(`${issuer}.key`), '-CAcreateserial']
      : ['-signkey', this.path(`${name}.key`)];
    this.openssl(
      'x509',
      '-req',
      '-in',
      this.path(`${name}.csr`),
      ...signer,
      '-days',
      '30',
      '-extfile',
      this.path(`${name}.ext`),
      '-extensions',
      'v3',
      '-out',
      this.path(`${name}.pem`),
    );
  }
}
