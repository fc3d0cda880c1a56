/**
 * IP address parsing and canonical text, as the controllers print addresses since Kubernetes
 * 1.33 (PR #130101): k8s.io/utils/net ParseIPSloppy followed by Go's net.IP.String.
 *
 * - IPv4 octets may carry leading zeros, read as decimal ("010.1.2.3" is 10.1.2.3).
 * - IPv6 prints lower-case with the first longest run of two or more zero groups compressed
 *   (RFC 5952).
 * - An IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) is an IPv4 address and prints dotted.
 */

export type IpFamily = 'IPv4' | 'IPv6';

export interface ParsedIp {
  family: IpFamily;
  /** Canonical text of the address. */
  text: string;
}

/**
 * Dotted-decimal octets; each octet is digits worth at most 255, leading zeros allowed. Sets
 * `leadingZeros.found` when an octet has one, i.e. the text is not canonical.
 */
function parseIpv4Octets(text: string, leadingZeros?: { found: boolean }): number[] | undefined {
  const octets: number[] = [];
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 46; // a final '.' closes the last octet
    if (code === 46) {
      if (digits === 0 || octets.length === 4) return undefined;
      octets.push(value);
      value = 0;
      digits = 0;
    } else if (code >= 48 && code <= 57) {
      if (digits > 0 && value === 0 && leadingZeros) leadingZeros.found = true;
      value = value * 10 + (code - 48);
      digits++;
      if (value > 255) return undefined;
    } else {
      return undefined;
    }
  }
  return octets.length === 4 ? octets : undefined;
}

/** The 16 bytes of an IPv6 address, or undefined when the text is not one. */
function parseIpv6Bytes(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const readGroups = (part: string, allowTrailingIpv4: boolean): number[] | undefined => {
    if (part === '') return [];
    const bytes: number[] = [];
    const groups = part.split(':');
    for (const [index, group] of groups.entries()) {
      const last = index === groups.length - 1;
      if (last && allowTrailingIpv4 && group.includes('.')) {
        const octets = parseIpv4Octets(group);
        if (!octets) return undefined;
        bytes.push(...octets);
        continue;
      }
      // Any number of hex digits, as the forked Go parser reads them, worth at most 0xffff.
      if (!/^[0-9a-fA-F]+$/.test(group)) return undefined;
      const value = parseInt(group, 16);
      if (value > 0xffff) return undefined;
      bytes.push(value >> 8, value & 0xff);
    }
    return bytes;
  };
  const head = readGroups(halves[0] ?? '', halves.length === 1);
  const tail = halves.length === 2 ? readGroups(halves[1] ?? '', true) : [];
  if (!head || !tail) return undefined;
  if (halves.length === 1) return head.length === 16 ? head : undefined;
  const missing = 16 - head.length - tail.length;
  // "::" stands for at least one zero group.
  if (missing < 2) return undefined;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

function isIpv4Mapped(bytes: readonly number[]): boolean {
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

function formatIpv6(bytes: readonly number[]): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number): string =>
    groups
      .slice(from, to)
      .map((group) => group.toString(16))
      .join(':');
  if (bestLength < 2) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLength, 8)}`;
}

/** True for dotted-decimal IPv4 text with no leading zeros, checked without allocating. */
export function isCanonicalIpv4(text: string): boolean {
  let octets = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 46;
    if (code === 46) {
      if (digits === 0) return false;
      octets++;
      value = 0;
      digits = 0;
    } else if (code >= 48 && code <= 57) {
      if (digits > 0 && value === 0) return false;
      value = value * 10 + (code - 48);
      digits++;
      if (value > 255) return false;
    } else {
      return false;
    }
  }
  return octets === 4;
}

/** Parses an IP address the way kube-controller-manager does; undefined when it is not one. */
export function parseIp(text: string): ParsedIp | undefined {
  if (isCanonicalIpv4(text)) return { family: 'IPv4', text };
  if (!text.includes(':')) {
    const leadingZeros = { found: false };
    const octets = parseIpv4Octets(text, leadingZeros);
    if (!octets) return undefined;
    return { family: 'IPv4', text: leadingZeros.found ? octets.join('.') : text };
  }
  const bytes = parseIpv6Bytes(text);
  if (!bytes) return undefined;
  if (isIpv4Mapped(bytes)) return { family: 'IPv4', text: bytes.slice(12).join('.') };
  return { family: 'IPv6', text: formatIpv6(bytes) };
}

/**
 * The family of an address in the Kubernetes sense (utilnet.IsIPv6 of ParseIPSloppy): an
 * unparsable address counts as IPv4.
 */
export function ipFamilyOf(text: string): IpFamily {
  return parseIp(text)?.family ?? 'IPv4';
}

/**
 * How the controllers write an address they could not parse: Go's String() of a nil net.IP.
 * The API server rejects such Pod IPs, so only hand-made objects carry them; upstream's own tests
 * do (newPod(300) has IP 1.2.3.304).
 */
export const UNPARSABLE_IP_TEXT = '<nil>';
