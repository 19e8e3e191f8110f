import { hkdfSync, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

/** Who a valid access token speaks for. */
export interface TokenSubject {
  userId: string;
}

const ISSUER = 'eseal';

/**
 * Short-lived bearer tokens (JWT, HS256). The signing key is derived from the master key, so
 * there is no second secret to configure, and rotating the master key ends every session.
 */
export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(
    masterKey: Buffer,
    private readonly ttlSeconds: number,
  ) {
    this.key = new Uint8Array(hkdfSync('sha256', masterKey, 'eseal', 'access-token-v1', 32));
  }

  issue(subject: TokenSubject): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(subject.userId)
      .setIssuer(ISSUER)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  /** The subject of a valid token, or undefined for anything else. */
  async verify(token: string): Promise<TokenSubject | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        algorithms: ['HS256'],
      });

      return payload.sub ? { userId: payload.sub } : undefined;
    } catch {
      return undefined;
    }
  }
}
