import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { CheckRun } from './check-run';
import { bytesOf, childrenOf, contentOf, oidOf, readTlv } from './der';
import { outputOf, runTool } from './external-tool';

/** id-aa-signatureTimeStampToken (RFC 3161 Appendix A, CAdES B-T). */
const SIGNATURE_TIME_STAMP_TOKEN = '1.2.840.113549.1.9.16.2.14';

/** A signature time-stamp found in a SignerInfo, with the bytes its imprint must cover. */
export interface SignatureTimestamp {
  signatureValue: Buffer;
  token: Buffer;
}

/** The signature time-stamp token in the single SignerInfo's unsigned attributes, if any. */
export function signatureTimestampOf(cms: Buffer): SignatureTimestamp | undefined {
  const [, wrapped] = childrenOf(cms, readTlv(cms));
  const signedData = childrenOf(cms, childrenOf(cms, wrapped)[0]);
  const [signerInfo] = childrenOf(cms, signedData[signedData.length - 1]);
  const fields = childrenOf(cms, signerInfo);
  const unsigned = fields.find((field) => field.tag === 0xa1);
  const attribute = unsigned
    ? childrenOf(cms, unsigned).find((tlv) => {
        return oidOf(cms, childrenOf(cms, tlv)[0]) === SIGNATURE_TIME_STAMP_TOKEN;
      })
    : undefined;
  if (!attribute) return undefined;
  const [token] = childrenOf(cms, childrenOf(cms, attribute)[1]);

  return { signatureValue: contentOf(cms, fields[5]), token: bytesOf(cms, token) };
}

/** What one `openssl ts -verify` run needs. */
export interface TokenCheck {
  run: CheckRun;
  dir: string;
  /** A unique stem for the files written. */
  name: string;
  /** The bytes the token's imprint covers. */
  data: Buffer;
  token: Buffer;
  tsaCaPem: string | undefined;
  /** The check's label and the signature's name, for messages. */
  check: string;
  label: string;
}

/**
 * CHECKS.md 10: `openssl ts -verify -data <data> -in token.der -token_in -CAfile tsa-root.pem`
 * must succeed; it checks the imprint, the token signature, the ESS certificate binding and the
 * TSA certificate's chain and critical timeStamping purpose.
 */
export async function checkTimestampToken(c: TokenCheck): Promise<void> {
  if (c.tsaCaPem === undefined) {
    return c.run.fail(c.check, `${c.label}: has a time-stamp token, but no tsaCaPem to verify it`);
  }
  const dataFile = join(c.dir, `${c.name}.data`);
  const tokenFile = join(c.dir, `${c.name}.token.der`);
  const caFile = join(c.dir, `${c.name}.tsa-root.pem`);
  await Promise.all([
    writeFile(dataFile, c.data),
    writeFile(tokenFile, c.token),
    writeFile(caFile, c.tsaCaPem),
  ]);
  const args = ['ts', '-verify', '-data', dataFile, '-in', tokenFile, '-token_in'];
  const result = await c.run.withValidator('openssl', () =>
    runTool('openssl', [...args, '-CAfile', caFile]),
  );
  if (!result || (result.exitCode === 0 && /Verification: OK/.test(result.stdout))) return;

  c.run.fail(
    c.check,
    `${c.label}: openssl ts -verify exit ${result.exitCode}:\n${outputOf(result)}`,
  );
}
