import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** A URL we will not call; the message is safe to show its owner. */
export class UnsafeWebhookUrl extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeWebhookUrl';
  }
}

export interface UrlPolicy {
  /** Only https (production). */
  readonly requireHttps: boolean;
  /** Loopback, private and link-local addresses allowed (development and tests only). */
  readonly allowPrivate: boolean;
}

export type Resolver = (hostname: string) => Promise<readonly LookupAddress[]>;

export const URL_MAX = 2048;

// Host forms of URL_PATTERN. A name's last label has a non-digit (the parser reads an all-digit
// last label as IPv4); `[0-9]*` before that first non-digit keeps the match linear.
const HOST_NAME = '([A-Za-z0-9_~-]+\\.)*[0-9]*[A-Za-z_~-][A-Za-z0-9_~-]*';
const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4 = `(${OCTET}\\.){3}${OCTET}`;
const H16 = '[0-9A-Fa-f]{1,4}';
const PORT = '([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])';
const IPV6 = [
  `(${H16}:){7}${H16}`,
  `(${H16}:){6}${IPV4}`,
  `(${H16}:){1,7}:`,
  `(${H16}:){1,6}:${H16}`,
  `(${H16}:){1,5}(:${H16}){1,2}`,
  `(${H16}:){1,4}(:${H16}){1,3}`,
  `(${H16}:){1,3}(:${H16}){1,4}`,
  `(${H16}:){1,2}(:${H16}){1,5}`,
  `${H16}:(:${H16}){1,6}`,
  `:((:${H16}){1,7}|:)`,
  `::([Ff]{4}(:0{1,4})?:)?${IPV4}`,
  `(${H16}:){1,4}:${IPV4}`,
].join('|');

/**
 * The URLs a webhook may have, stated once for the OpenAPI document and checked by
 * parseWebhookUrl(): http(s); a host name, a dotted IPv4 address or a bracketed IPv6 address
 * (no credentials, no other spelling the URL parser would rewrite, such as `%41` or a decimal
 * IPv4); a port up to 65535; printable ASCII after it. Whether the host resolves to a
 * public address is checked when the request arrives.
 */
export const URL_PATTERN =
  `^[Hh][Tt][Tt][Pp][Ss]?://(${HOST_NAME}|${IPV4}|\\[(${IPV6})\\])` +
  `(:${PORT})?([/?#][\\x21-\\x7E]*)?$`;
const URL_SHAPE = new RegExp(URL_PATTERN);
const SPACE_OR_CONTROL = /[\u0000-\u0020\u007f]/; // eslint-disable-line no-control-regex
const RESOLVE_TIMEOUT_MS = 3_000;

// Addresses a webhook must never reach: this host, the private networks behind it, the cloud
// metadata services (169.254.169.254, fd00:ec2::254), and ranges that are not public unicast.
const V4_REFUSED: readonly [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];
const V6_REFUSED: readonly [string, number][] = [
  ['fc00::', 7], // unique local (fd00:ec2::254 is AWS's metadata service)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
  ['100::', 64], // discard
  ['2001::', 32], // Teredo (tunnels to an IPv4 address we cannot see)
  ['2001:db8::', 32], // documentation
  ['2001:10::', 28], // ORCHID
];

const refused = new BlockList();
for (const [network, prefix] of V4_REFUSED) refused.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of V6_REFUSED) refused.addSubnet(network, prefix, 'ipv6');

/** True for a public unicast address; IPv6 forms that embed an IPv4 address are judged by it. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !refused.check(address, 'ipv4');
  if (family !== 6) return false;
  const words = ipv6Words(address);
  const embedded = embeddedIpv4(words);
  if (embedded !== null) return isPublicAddress(embedded);
  return !refused.check(address.split('%')[0], 'ipv6');
}

/**
 * The checks that need no DNS: a parseable http(s) URL (https only when required), no
 * credentials in it, and a literal IP host must be public (unless private ones are allowed).
 */
export function parseWebhookUrl(raw: string, policy: UrlPolicy): URL {
  if (raw.length > URL_MAX) throw new UnsafeWebhookUrl(`url must be at most ${URL_MAX} characters`);
  // The URL parser would silently drop tabs and newlines: what is stored must be what is called.
  if (SPACE_OR_CONTROL.test(raw)) {
    throw new UnsafeWebhookUrl('url must not contain spaces or control characters');
  }
  if (!URL.canParse(raw)) throw new UnsafeWebhookUrl('url must be an absolute http(s) URL');
  const url = new URL(raw);
  const schemes = policy.requireHttps ? ['https:'] : ['https:', 'http:'];
  if (!schemes.includes(url.protocol)) {
    throw new UnsafeWebhookUrl(
      policy.requireHttps ? 'url must use https' : 'url must use http or https',
    );
  }
  if (url.username || url.password) {
    throw new UnsafeWebhookUrl('url must not contain credentials; use the signature instead');
  }
  const host = hostOf(url);
  if (isIP(host) && !policy.allowPrivate && !isPublicAddress(host)) {
    throw refusedAddress(host);
  }
  if (!URL_SHAPE.test(raw)) {
    throw new UnsafeWebhookUrl(
      'url host must be a name (letters, digits, - _ ~), a dotted IPv4 address or a bracketed ' +
        'IPv6 address, with a port up to 65535 and printable ASCII after it',
    );
  }
  return url;
}

/**
 * Registration-time check: the URL's rules, and every address its host resolves to must be
 * public. Sending checks again (the lookup below), since DNS can change after registration.
 */
export async function checkWebhookUrl(
  raw: string,
  policy: UrlPolicy,
  resolve: Resolver = systemResolver,
): Promise<URL> {
  const url = parseWebhookUrl(raw, policy);
  const host = hostOf(url);
  if (policy.allowPrivate || isIP(host)) return url;
  let addresses: readonly LookupAddress[];
  try {
    addresses = await withTimeout(resolve(host), RESOLVE_TIMEOUT_MS);
  } catch {
    throw new UnsafeWebhookUrl(`url host ${host} could not be resolved`);
  }
  const bad = addresses.find((entry) => !isPublicAddress(entry.address));
  if (bad || addresses.length === 0) throw refusedAddress(bad?.address ?? host);
  return url;
}

/**
 * A `lookup` for http(s).request that resolves once, refuses the connection if any address is
 * not public, and hands the socket exactly the addresses it checked: the connection cannot be
 * steered to another address between the check and the connect (DNS rebinding).
 */
export function guardedLookup(
  allowPrivate: boolean,
  resolve: Resolver = systemResolver,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (all) => {
        const addresses = options.family
          ? all.filter((entry) => entry.family === options.family)
          : all;
        const bad = allowPrivate
          ? undefined
          : addresses.find((entry) => !isPublicAddress(entry.address));
        if (bad) return callback(refusedAddress(bad.address), '', 0);
        const first = addresses[0];
        if (!first) {
          const error: NodeJS.ErrnoException = new Error(`No address for ${hostname}`);
          error.code = 'ENOTFOUND';
          return callback(error, '', 0);
        }
        if (options.all) return callback(null, [...addresses]);
        return callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

function refusedAddress(address: string): UnsafeWebhookUrl {
  return new UnsafeWebhookUrl(
    `url resolves to ${address}, a loopback, private, link-local or otherwise non-public address`,
  );
}

/** The hostname without IPv6 brackets. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** The eight 16-bit words of a valid IPv6 address (zone removed, a dotted tail expanded). */
function ipv6Words(address: string): number[] {
  let text = address.split('%')[0].toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const headWords = head ? head.split(':') : [];
  const tailWords = tail === undefined ? [] : tail ? tail.split(':') : [];
  const zeros: string[] =
    tail === undefined ? [] : new Array<string>(8 - headWords.length - tailWords.length).fill('0');
  return [...headWords, ...zeros, ...tailWords].map((word) => parseInt(word, 16));
}

/**
 * The IPv4 address inside IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d, which
 * covers :: and ::1), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::) addresses.
 */
function embeddedIpv4(words: number[]): string | null {
  const v4 = (high: number, low: number): string =>
    [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  const zeroUpTo = (end: number): boolean => words.slice(0, end).every((word) => word === 0);
  if (zeroUpTo(5) && (words[5] === 0xffff || words[5] === 0)) return v4(words[6], words[7]);
  if (words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((word) => word === 0)) {
    return v4(words[6], words[7]);
  }
  if (words[0] === 0x2002) return v4(words[1], words[2]);
  return null;
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
