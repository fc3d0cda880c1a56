import { BlockList, isIP } from 'node:net';
import type { Request } from 'express';

/**
 * An authenticating proxy in front of the api (oauth2-proxy, ingress-nginx `auth-url`, a mesh's
 * ext-authz): it signs the person in and names them in `header`. The header is believed only on
 * connections whose peer address is in `cidrs`, because anyone else could send it too.
 */
export interface AuthProxyConfig {
  /** The request header the proxy sets to the signed-in user, e.g. X-Forwarded-User. */
  header: string;
  /** Networks the proxy connects from, e.g. 10.0.0.0/8 (the ingress controller's pods). */
  cidrs: readonly string[];
}

/** Headers that cannot name a user: they carry credentials or routing, not an identity. */
const RESERVED_HEADERS = new Set(['authorization', 'cookie', 'host', 'proxy-authorization']);
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/;
/** A user name as logged: printable, no separators an attacker could use to forge log lines. */
const USER_VALUE = /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]{1,256}$/u;

/** Why a header name cannot be the proxy's user header, or undefined when it can. */
export function authProxyHeaderProblem(name: string): string | undefined {
  if (!HEADER_NAME.test(name)) return 'must be an HTTP header name';
  if (RESERVED_HEADERS.has(name.toLowerCase())) return `cannot be ${name}`;
  return undefined;
}

/** `10.0.0.0/8`, `fd00::/8` or one address; undefined when it is not one. */
export function parseCidr(
  text: string,
): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [address = '', prefixText, ...rest] = text.trim().split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return undefined;
  const bits = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return undefined;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** `::ffff:10.1.2.3` (an IPv4 peer on a dual-stack socket) as 10.1.2.3. */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

/** Whether a connection's peer address is in the auth proxy's networks. */
export type PeerTest = (address: string | undefined) => boolean;

/** A test of the socket's peer address against the trusted networks. */
export function trustedPeers(cidrs: readonly string[]): PeerTest {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const parsed = parseCidr(cidr);
    if (!parsed) throw new Error(`not a CIDR: ${cidr}`);
    list.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  return (address) => {
    if (address === undefined) return false;
    const plain = plainAddress(address);
    const version = isIP(plain);
    return version !== 0 && list.check(plain, version === 4 ? 'ipv4' : 'ipv6');
  };
}

export type ProxyIdentity =
  { ok: true; user: string } | { ok: false; reason: 'untrusted-peer' | 'no-user' | 'bad-user' };

/**
 * Who the proxy says this request is from. The peer is the TCP connection's own address, never
 * X-Forwarded-For, which the client can write. A header sent twice is refused: a proxy that
 * appends instead of replacing would otherwise let the client's copy through.
 */
export function proxyIdentity(request: Request, header: string, trusted: PeerTest): ProxyIdentity {
  if (!trusted(request.socket.remoteAddress)) return { ok: false, reason: 'untrusted-peer' };
  const values = request.headersDistinct[header.toLowerCase()];
  if (values === undefined || values.length === 0) return { ok: false, reason: 'no-user' };
  const user = values[0]?.trim() ?? '';
  if (values.length > 1 || !USER_VALUE.test(user)) return { ok: false, reason: 'bad-user' };
  return { ok: true, user };
}
