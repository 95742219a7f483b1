import { createHmac } from 'node:crypto';
import { canonicalPayload, signatureHeader, signedBody } from './webhook-signer';

const PAYLOAD = {
  event: 'project.created',
  timestamp: '2025-10-31T10:00:00.000Z',
  data: { project_id: 'p1', note: 'é <b> 🚀' },
  delivery_id: 'd1',
};
const hmac = (secret: string, text: string) =>
  createHmac('sha256', secret).update(text).digest('hex');

describe('webhook signing', () => {
  it('appends the signature of the canonical payload as the last member of the body', () => {
    const canonical = canonicalPayload(PAYLOAD);
    const body = signedBody(canonical, 'whsec_a');
    expect(JSON.parse(body)).toEqual({ ...PAYLOAD, signature: hmac('whsec_a', canonical) });
    // The same bytes JSON.stringify gives with the member added: a receiver can also re-serialise.
    expect(body).toBe(JSON.stringify({ ...PAYLOAD, signature: hmac('whsec_a', canonical) }));
  });

  it('lets a receiver recover the signed bytes by cutting the signature member off', () => {
    const body = signedBody(canonicalPayload(PAYLOAD), 'whsec_a');
    const match = /,"signature":"([0-9a-f]{64})"}$/.exec(body);
    expect(match).not.toBeNull();
    const signed = `${body.slice(0, match!.index)}}`;
    expect(hmac('whsec_a', signed)).toBe(match![1]);
  });

  it('signs "<t>.<body>" once per secret in the header, current secret first', () => {
    const header = signatureHeader('{"a":1}', ['new', 'old'], 1_761_904_800);
    expect(header).toBe(
      `t=1761904800,v1=${hmac('new', '1761904800.{"a":1}')},v1=${hmac('old', '1761904800.{"a":1}')}`,
    );
  });
});
