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
  /**
   * Tokens whose signature and issuer were already checked, with their payload: a token is
   * immutable, so only the time checks (exp) and the kind are repeated on a hit. Saves the
   * per-request HMAC key import and verification (the largest item of the status figure's
   * profile). Bounded; the oldest entries go first.
   */
  private readonly verified = new Map<string, Record<string, unknown>>();
  private static readonly MAX_VERIFIED = 10_000;
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
    let payload = this.verified.get(token);
    if (payload) {
      // as jose checks it: expired when exp <= now (no tolerance); iat/nbf are never in the future here
      if (typeof payload.exp !== 'number' || payload.exp <= nowSec) throw new TokenError('token expired', 'expired');
    } else {
      try {
        ({ payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'], currentDate: new Date(nowSec * 1000) }));
      } catch (err) {
        if (err instanceof joseErrors.JWTExpired) throw new TokenError('token expired', 'expired');
        throw new TokenError('token invalid', 'invalid');
      }
      if (typeof payload.exp === 'number' && typeof payload.iat === 'number' && payload.iat <= nowSec && payload.nbf === undefined) {
        if (this.verified.size >= TokenService.MAX_VERIFIED) this.verified.delete(this.verified.keys().next().value!);
        this.verified.set(token, payload);
      }
    }
    if (payload.typ !== kind) throw new TokenError(`not a ${kind} token`, 'wrong-kind');
    if (typeof payload.sub !== 'string' || typeof payload.cid !== 'string' || typeof payload.jti !== 'string') {
      throw new TokenError('token invalid', 'invalid');
    }
    return payload as unknown as TokenClaims;
  }
}
