// The portal as a public OpenID Connect client of the gateway: authorization code with PKCE, the access token in
// sessionStorage (this tab only), refreshed before it expires, revoked on sign-out together with the refresh token.
const CLIENT_ID = 'portal';
const SCOPE = 'openid profile offline_access api';
export const TOKEN_KEY = 'portal.token';
const REFRESH_KEY = 'portal.refresh';
const ID_TOKEN_KEY = 'portal.idtoken';
const PENDING_KEY = 'portal.signin';
const callbackUri = () => `${location.origin}/signin-callback.html`;

function base64Url(bytes) {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
const randomText = () => base64Url(crypto.getRandomValues(new Uint8Array(32)));

/** SHA-256 of ASCII text (crypto.subtle exists only in secure contexts: https or loopback). */
async function sha256(text) {
  const data = new TextEncoder().encode(text);
  if (crypto.subtle) return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return sha256Fallback(data);
}

// A plain SHA-256 for a portal opened over http on a LAN address (no crypto.subtle there).
function sha256Fallback(data) {
  const k = new Uint32Array([0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb,
    0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f,
    0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]);
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const length = Math.ceil((data.length + 9) / 64) * 64;
  const bytes = new Uint8Array(length);
  bytes.set(data);
  bytes[data.length] = 0x80;
  new DataView(bytes.buffer).setUint32(length - 4, data.length * 8);
  const w = new Uint32Array(64);
  const rotr = (x, n) => (x >>> n) | (x << (32 - n));
  for (let offset = 0; offset < length; offset += 64) {
    const view = new DataView(bytes.buffer, offset, 64);
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(i * 4);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i]) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      [hh, g, f, e, d, c, b, a] = [g, f, e, (d + t1) >>> 0, c, b, a, (t1 + t2) >>> 0];
    }
    [a, b, c, d, e, f, g, hh].forEach((v, i) => { h[i] = (h[i] + v) >>> 0; });
  }
  const out = new Uint8Array(32);
  h.forEach((v, i) => new DataView(out.buffer).setUint32(i * 4, v));
  return out;
}

/** Sends the browser to the gateway's sign-in (login and password); it comes back to returnTo. */
export async function startSignIn(returnTo) {
  const verifier = randomText();
  const state = randomText();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, returnTo }));
  const params = new URLSearchParams({
    client_id: CLIENT_ID, response_type: 'code', redirect_uri: callbackUri(), scope: SCOPE, state,
    code_challenge: base64Url(await sha256(verifier)), code_challenge_method: 'S256',
  });
  location.assign(`/connect/authorize?${params}`);
}

async function tokenRequest(fields) {
  const response = await fetch('/connect/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({ client_id: CLIENT_ID, ...fields }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error_description || body.error || `HTTP ${response.status}`);
  return body;
}

function store(tokens) {
  sessionStorage.setItem(TOKEN_KEY, tokens.access_token);
  if (tokens.refresh_token) sessionStorage.setItem(REFRESH_KEY, tokens.refresh_token);
  if (tokens.id_token) sessionStorage.setItem(ID_TOKEN_KEY, tokens.id_token);
}

/** On the callback page: the code for tokens. Answers where to go next, or throws with the provider's reason. */
export async function completeSignIn() {
  const query = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || 'null');
  sessionStorage.removeItem(PENDING_KEY);
  if (query.get('error')) throw new Error(query.get('error_description') || query.get('error'));
  if (!pending || query.get('state') !== pending.state) throw new Error('state');
  store(await tokenRequest({
    grant_type: 'authorization_code', code: query.get('code'), redirect_uri: callbackUri(), code_verifier: pending.verifier,
  }));
  return pending.returnTo;
}

let refreshing = null;
/** A new access token before the current one expires (one refresh at a time); false when the session is over. */
export async function refreshIfNeeded(expiresAt) {
  if (!expiresAt || expiresAt * 1000 - Date.now() > 60_000) return true;
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  if (!refreshToken) return false;
  refreshing ??= tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken })
    .then(tokens => { store(tokens); return true; })
    .catch(() => { clearTokens(); return false; })
    .finally(() => { refreshing = null; });
  return refreshing;
}

export const hasRefreshToken = () => !!sessionStorage.getItem(REFRESH_KEY);

export function clearTokens() {
  for (const key of [TOKEN_KEY, REFRESH_KEY, ID_TOKEN_KEY]) sessionStorage.removeItem(key);
}

/** Revokes both tokens at the provider, forgets them, and ends the provider's session (its cookie). */
export async function signOutEverywhere() {
  const tokens = [[sessionStorage.getItem(REFRESH_KEY), 'refresh_token'], [sessionStorage.getItem(TOKEN_KEY), 'access_token']];
  const idToken = sessionStorage.getItem(ID_TOKEN_KEY);
  await Promise.all(tokens.filter(([token]) => token).map(([token, hint]) => fetch('/connect/revoke', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: CLIENT_ID, token, token_type_hint: hint }),
  }).catch(() => null)));
  clearTokens();
  const params = new URLSearchParams({ client_id: CLIENT_ID, post_logout_redirect_uri: `${location.origin}/` });
  if (idToken) params.set('id_token_hint', idToken);
  location.assign(`/connect/endsession?${params}`);
}
