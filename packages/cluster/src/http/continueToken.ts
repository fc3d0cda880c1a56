/**
 * The opaque list continuation token: base64url (no padding) of
 * `{"v":"meta.k8s.io/v1","rv":<list resourceVersion>,"start":"<last key returned>"}`, the shape
 * the apiserver uses. `rv: -1` means "continue at the latest resourceVersion" — the token handed
 * out with a 410 for an expired one, which gives an inconsistent but complete list.
 */
interface ContinueToken {
  rv: number;
  /** Items with a key strictly after this one come next. */
  start: string;
}

const VERSION = 'meta.k8s.io/v1';

export function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: VERSION, rv: token.rv, start: token.start })).toString(
    'base64url',
  );
}

/** Decodes a token; errors read as the apiserver's "continue key is not valid: …". */
export function decodeContinue(
  value: string,
): { ok: true; token: ContinueToken } | { ok: false; message: string } {
  const bad = /[^A-Za-z0-9_-]/.exec(value);
  if (bad !== null) {
    return {
      ok: false,
      message: `continue key is not valid: illegal base64 data at input byte ${bad.index}`,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    // Not the parser's message: it quotes the decoded bytes, which may be anything.
    return { ok: false, message: 'continue key is not valid: the decoded key is not JSON' };
  }
  const { v, rv, start } = (parsed ?? {}) as { v?: unknown; rv?: unknown; start?: unknown };
  if (v !== VERSION) {
    return {
      ok: false,
      message: 'continue key is not valid: server does not recognize this encoded version',
    };
  }
  if (typeof rv !== 'number' || !Number.isSafeInteger(rv) || rv === 0 || rv < -1) {
    return {
      ok: false,
      message: `continue key is not valid: incorrect encoded start resourceVersion (version ${VERSION})`,
    };
  }
  if (typeof start !== 'string' || start === '') {
    return {
      ok: false,
      message: `continue key is not valid: encoded start key empty (version ${VERSION})`,
    };
  }
  return { ok: true, token: { rv, start } };
}
