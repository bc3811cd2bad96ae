import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';

export type TokenKind = 'Bearer' | 'Refresh' | 'ID';

export interface TokenClaims {
  sub: string; // user id
  cid: string; // company id
  typ: TokenKind;
  sid: string; // session id (shared by the access and refresh tokens of one login)
  jti: string;
  exp: number;
  iat: number;
}

export class TokenError extends Error {
  constructor(
    message: string,
    readonly reason: 'expired' | 'invalid' | 'wrong-kind',
  ) {
    super(message);
  }
}

const ISSUER = 'ceisa40';

/** HS256 tokens shaped like the gateway's Keycloak tokens (typ Bearer / Refresh). */
export class TokenService {
  private readonly key: Uint8Array;
  constructor(
    secret: string,
    readonly accessTtlSec: number,
    readonly refreshTtlSec: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(kind: TokenKind, claims: { sub: string; cid: string; sid: string; username?: string; npwp?: string }, nowSec: number) {
    const jti = randomUUID();
    const ttl = kind === 'Refresh' ? this.refreshTtlSec : this.accessTtlSec;
    const exp = nowSec + ttl;
    const jwt = new SignJWT({ cid: claims.cid, typ: kind, sid: claims.sid, preferred_username: claims.username, identitas: claims.npwp })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(ISSUER)
      .setJti(jti)
      .setIssuedAt(nowSec)
      .setExpirationTime(exp);
    return { token: await jwt.sign(this.key), jti, exp };
  }

  async verify(token: string, kind: TokenKind, nowSec: number): Promise<TokenClaims> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'], currentDate: new Date(nowSec * 1000) }));
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw new TokenError('token expired', 'expired');
      throw new TokenError('token invalid', 'invalid');
    }
    if (payload.typ !== kind) throw new TokenError(`not a ${kind} token`, 'wrong-kind');
    if (typeof payload.sub !== 'string' || typeof payload.cid !== 'string' || typeof payload.jti !== 'string') {
      throw new TokenError('token invalid', 'invalid');
    }
    return payload as unknown as TokenClaims;
  }
}
