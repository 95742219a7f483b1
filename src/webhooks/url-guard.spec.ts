import type { LookupAddress } from 'node:dns';
import type { LookupOptions } from 'node:dns';
import {
  checkWebhookUrl,
  guardedLookup,
  isPublicAddress,
  parseWebhookUrl,
  Resolver,
  UnsafeWebhookUrl,
  URL_PATTERN,
} from './url-guard';

const STRICT = { requireHttps: false, allowPrivate: false };
const PRODUCTION = { requireHttps: true, allowPrivate: false };

/** A DNS stand-in: host → addresses. */
function resolverOf(table: Record<string, string[]>): Resolver {
  return (hostname) => {
    const addresses = table[hostname];
    if (!addresses) return Promise.reject(Object.assign(new Error('nx'), { code: 'ENOTFOUND' }));
    return Promise.resolve(
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };
}

function lookupWith(
  resolve: Resolver,
  hostname: string,
  options: LookupOptions,
  allowPrivate = false,
): Promise<{ error: Error | null; address: string | LookupAddress[]; family?: number }> {
  return new Promise((done) =>
    guardedLookup(allowPrivate, resolve)(hostname, options, (error, address, family) =>
      done({ error, address, family }),
    ),
  );
}

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.1',
    '172.16.5.4',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.254',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '198.18.0.1',
    '::1',
    '::',
    'fd00:ec2::254',
    'fc00::1',
    'fe80::1',
    'fe80::1%eth0',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '64:ff9b::a9fe:a9fe',
    '2002:0a00:0001::1',
    '2001:db8::1',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    'not an address',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:81b::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
  ])('accepts %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe('parseWebhookUrl', () => {
  it('refuses what is not an absolute http(s) URL, and credentials', () => {
    for (const raw of ['hooks.example.com/x', 'ftp://example.com/x', 'file:///etc/passwd', '']) {
      expect(() => parseWebhookUrl(raw, STRICT)).toThrow(UnsafeWebhookUrl);
    }
    expect(() => parseWebhookUrl('https://user:pw@example.com/', STRICT)).toThrow(
      /must not contain credentials/,
    );
    for (const raw of [
      'https://exam\nple.com/',
      'https://example.com/a b',
      '\thttps://example.com/',
    ]) {
      expect(() => parseWebhookUrl(raw, STRICT)).toThrow(
        'url must not contain spaces or control characters',
      );
    }
  });

  it('requires https when asked to (production)', () => {
    expect(() => parseWebhookUrl('http://example.com/hook', PRODUCTION)).toThrow(
      'url must use https',
    );
    expect(parseWebhookUrl('https://example.com/hook', PRODUCTION).host).toBe('example.com');
  });

  it('refuses literal private addresses in every spelling the URL parser accepts', () => {
    for (const raw of [
      'http://127.0.0.1:8080/',
      'http://2130706433/',
      'http://0x7f.0.0.1/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[fd00:ec2::254]/latest/meta-data/',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.1.2.3/',
    ]) {
      expect(() => parseWebhookUrl(raw, STRICT)).toThrow(/non-public address/);
    }
  });

  it('lets private literals through when private URLs are allowed (development, tests)', () => {
    expect(parseWebhookUrl('http://127.0.0.1:8080/', { ...STRICT, allowPrivate: true }).port).toBe(
      '8080',
    );
  });
});

describe("URL_PATTERN (the OpenAPI document's)", () => {
  const OPEN = { requireHttps: false, allowPrivate: true };
  const parses = (url: string) => {
    try {
      parseWebhookUrl(url, OPEN);
      return true;
    } catch {
      return false;
    }
  };

  it.each([
    'https://hooks.example.com/prd-forge',
    'HTTP://a.b:8080/x?y=1#z',
    'http://a-1.b_c/',
    'https://x_y.example~/%zz',
    'http://9to5.example/',
    'http://93.184.215.14:8080/hook',
    'http://a.b:65535/',
    'http://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook',
    'http://[2606:2800::1]/',
    'http://[::ffff:93.184.215.14]/',
  ])('matches %s, which the server parses', (url) => {
    expect(new RegExp(URL_PATTERN).test(url)).toBe(true);
    expect(parses(url)).toBe(true);
  });

  it.each([
    'ftp://a.b/',
    'https://user:pw@a.b/',
    'https://a.b:99999/',
    'https://a.b/x y',
    'https://a.b/\ttab',
    'hooks.example.com',
    'https://',
    'hTTp://.0#\u00a0',
    // The fuzzer's: a host with a character a host name cannot have, which the parser keeps.
    'HTTP://iySAX7jmrGpOKNHlRc25*',
    // Spellings the parser rewrites: what is stored must be what is called.
    'http://a%41.example/',
    'http://b\u00fccher.example/',
    'http://1572395042/',
    'http://93.184.215.014/',
    'http://a.example./',
    'http://[1:2:3:4:5:6:7:8:9]/',
    'http://a.b:65536/',
  ])('does not match %s, which the server refuses', (url) => {
    expect(new RegExp(URL_PATTERN).test(url)).toBe(false);
    expect(parses(url)).toBe(false);
  });
});

describe('checkWebhookUrl', () => {
  const dns = resolverOf({
    'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
    'rebind.example.com': ['93.184.215.14', '127.0.0.1'],
    'internal.example.com': ['10.0.0.7'],
  });

  it('accepts a host whose every address is public', async () => {
    await expect(
      checkWebhookUrl('https://hooks.example.com/x', STRICT, dns),
    ).resolves.toBeInstanceOf(URL);
  });

  it('refuses a host with any non-public address, and one that does not resolve', async () => {
    await expect(checkWebhookUrl('https://rebind.example.com/', STRICT, dns)).rejects.toThrow(
      'url resolves to 127.0.0.1',
    );
    await expect(checkWebhookUrl('https://internal.example.com/', STRICT, dns)).rejects.toThrow(
      'url resolves to 10.0.0.7',
    );
    await expect(checkWebhookUrl('https://nowhere.example.com/', STRICT, dns)).rejects.toThrow(
      'could not be resolved',
    );
  });
});

describe('guardedLookup (used for every connection a delivery opens)', () => {
  it('hands the socket the addresses it checked, in the form asked for', async () => {
    const dns = resolverOf({ 'hooks.example.com': ['93.184.215.14', '2606:4700::1'] });
    expect(await lookupWith(dns, 'hooks.example.com', { all: true })).toEqual({
      error: null,
      address: [
        { address: '93.184.215.14', family: 4 },
        { address: '2606:4700::1', family: 6 },
      ],
      family: undefined,
    });
    expect(await lookupWith(dns, 'hooks.example.com', { family: 6 })).toEqual({
      error: null,
      address: '2606:4700::1',
      family: 6,
    });
  });

  it('refuses the connection when the name now resolves to a private address (rebinding)', async () => {
    const dns = resolverOf({ 'hooks.example.com': ['169.254.169.254'] });
    const { error } = await lookupWith(dns, 'hooks.example.com', { all: true });
    expect(error).toBeInstanceOf(UnsafeWebhookUrl);
    expect(error?.message).toContain('169.254.169.254');
  });

  it('allows private addresses only when configured to', async () => {
    const dns = resolverOf({ localhost: ['127.0.0.1'] });
    expect((await lookupWith(dns, 'localhost', {}, true)).address).toBe('127.0.0.1');
    expect((await lookupWith(dns, 'localhost', {}, false)).error).toBeInstanceOf(UnsafeWebhookUrl);
  });

  it('passes resolution failures on', async () => {
    const { error } = await lookupWith(resolverOf({}), 'nowhere.example.com', {});
    expect((error as NodeJS.ErrnoException).code).toBe('ENOTFOUND');
  });
});
