import express from 'express';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { securityHeaders, staticSecurityHeaders } from './security-headers';

describe('staticSecurityHeaders', () => {
  it('is exactly what the security header middlewares set on a response', async () => {
    const app = express();
    app.disable('x-powered-by');
    app.use(...securityHeaders());
    app.get('/', (_req, res) => res.end());
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/`);
      const list = staticSecurityHeaders('/');
      expect(list.length).toBeGreaterThan(5);
      for (const [name, value] of list) expect(response.headers.get(name)).toBe(value);
      expect(
        Object.fromEntries(list.map(([name, value]) => [name.toLowerCase(), value])),
      ).toMatchObject({
        'x-frame-options': 'DENY',
        'x-xss-protection': '1; mode=block',
        'x-content-type-options': 'nosniff',
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
