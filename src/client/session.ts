/** A logged-in session as the client keeps it (also what `ceisa40 login` stores, mode 0600). */
export interface Session {
  baseUrl: string;
  username: string;
  apiKey: string;
  accessToken: string;
  /** epoch ms */
  accessExpiresAt: number;
  refreshToken: string;
  /** epoch ms; 0 = unknown (some gateways answer refresh_expires_in 0) */
  refreshExpiresAt: number;
}

/** The login/refresh answer (`item` of the Keycloak-like envelope). */
export interface TokenItem {
  access_token: string;
  expires_in: number;
  refresh_expires_in: number;
  refresh_token: string;
  token_type: string;
  id_token?: string;
  'not-before-policy'?: number;
  session_state?: string;
  scope?: string;
}

export function sessionFrom(item: TokenItem, base: Pick<Session, 'baseUrl' | 'username' | 'apiKey'>, now = Date.now()): Session {
  return {
    ...base,
    accessToken: item.access_token,
    accessExpiresAt: now + item.expires_in * 1000,
    refreshToken: item.refresh_token,
    refreshExpiresAt: item.refresh_expires_in > 0 ? now + item.refresh_expires_in * 1000 : 0,
  };
}
