import { splitSentences } from '../text/sentences';
import { countTextTokens } from '../token-counter';
import { chunkText, joinWithGaps, selectRelevantChunks } from './chunker';

const paragraphs = [
  'Our billing system sends invoices monthly. Customers pay by card or bank transfer. Refunds take five days.',
  'The mobile app lets riders book a scooter. Riders unlock it with a QR code. Rides end when the scooter is parked.',
  'Security matters: all data is encrypted at rest. Passwords are hashed with Argon2. Sessions expire after thirty minutes.',
  'Marketing runs campaigns on social media. The brand voice is friendly. Campaign budgets are reviewed each quarter.',
];
const document = paragraphs.join('\n\n');

describe('chunkText', () => {
  it('keeps every chunk within the budget and every sentence whole', () => {
    const chunks = chunkText(document, 30);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(countTextTokens(chunk.text)).toBeLessThanOrEqual(30);
      expect(chunk.text).toMatch(/[.!?]$/);
    }
    const sentencesBack = chunks.flatMap((chunk) => splitSentences(chunk.text));
    expect(sentencesBack).toEqual(splitSentences(document));
  });

  it('keeps whole paragraphs together when they fit', () => {
    const chunks = chunkText(document, 200);
    expect(chunks).toHaveLength(1);
    expect(chunks[0].text).toBe(document);
  });

  it('splits a sentence longer than a chunk only between clauses or words', () => {
    const runOn = `Requirements include ${Array.from({ length: 60 }, (_, i) => `item ${i}`).join(', ')}.`;
    const chunks = chunkText(runOn, 40);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((c) => c.text).join(' ')).toBe(runOn);
    for (const chunk of chunks) expect(chunk.tokens).toBeLessThanOrEqual(40);
  });
});

describe('selectRelevantChunks', () => {
  const chunks = chunkText(document, 30);

  it('picks the chunks that match the query best, in document order, within the budget', () => {
    const chosen = selectRelevantChunks(chunks, 'How are passwords and sessions secured?', 30);
    expect(chosen).toHaveLength(1);
    expect(chosen[0].text).toContain('Argon2');
    const two = selectRelevantChunks(chunks, 'scooter riders and invoices', 60);
    expect(two.map((c) => c.index)).toEqual([...two.map((c) => c.index)].sort((a, b) => a - b));
    expect(two.map((c) => c.text).join(' ')).toMatch(/invoices[\s\S]*scooter/);
  });

  it('falls back to the beginning of the document when nothing matches', () => {
    expect(selectRelevantChunks(chunks, 'zebra', 30)[0].index).toBe(0);
  });

  it('marks every gap explicitly when chunks are left out', () => {
    const chosen = selectRelevantChunks(chunks, 'Argon2 passwords', 30);
    const text = joinWithGaps(chosen, chunks.length);
    expect(text.startsWith('[…]')).toBe(true);
    expect(text).toContain('Argon2');
  });
});
