import { hkdfSync, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

/** Who a valid access token speaks for. */
export interface TokenSubject {
  userId: string;
}

/** A signed access token and the end of its life. */
export interface IssuedAccessToken {
  token: string;
  expiresAt: Date;
}

const ISSUER = 'eseal';

/**
 * Short-lived bearer tokens (JWT, HS256). The signing key is derived from the master key, so
 * there is no second secret to configure. Tokens are issued under the current master key and
 * accepted under previous ones too, so a rotation ends no session; removing the previous keys
 * from the configuration does.
 */
export class AccessTokens {
  private readonly keys: Uint8Array[];

  /** `masterKeys`: the current one first, then any previous ones. */
  constructor(
    masterKeys: Buffer[],
    private readonly ttlSeconds: number,
  ) {
    this.keys = masterKeys.map(
      (masterKey) => new Uint8Array(hkdfSync('sha256', masterKey, 'eseal', 'access-token-v1', 32)),
    );
  }

  /** A new token for the subject, and when it expires. */
  async issue(subject: TokenSubject): Promise<IssuedAccessToken> {
    const issuedAt = Math.floor(Date.now() / 1000);
    const expiresAt = issuedAt + this.ttlSeconds;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(subject.userId)
      .setIssuer(ISSUER)
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.keys[0]);

    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  /** The subject of a valid token, or undefined for anything else. */
  async verify(token: string): Promise<TokenSubject | undefined> {
    for (const key of this.keys) {
      const subject = await verifyWith(token, key);
      if (subject) return subject;
    }

    return undefined;
  }
}

async function verifyWith(token: string, key: Uint8Array): Promise<TokenSubject | undefined> {
  try {
    const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'] });

    return payload.sub ? { userId: payload.sub } : undefined;
  } catch {
    return undefined;
  }
}
