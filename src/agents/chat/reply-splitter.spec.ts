import { ReplySplitter } from './reply-splitter';

/** Streams `text` in pieces of the given sizes (cycled) and returns what was shown, and the split. */
function stream(text: string, sizes: readonly number[]) {
  const splitter = new ReplySplitter();
  const shown: string[] = [];
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = sizes[i % sizes.length];
    shown.push(splitter.push(text.slice(at, at + size)));
    at += size;
  }
  const result = splitter.finish();
  shown.push(result.rest);
  return { shown: shown.join(''), ...result };
}

const CHUNKINGS = [[1], [2], [3], [5, 1], [7], [1000]];

describe('ReplySplitter', () => {
  it('shows the reply and keeps the idea reading, however the stream is cut', () => {
    const text = 'Who pays for the walks?\n\n<idea>{"user": "dog walkers", "problem": null}</idea>';
    for (const sizes of CHUNKINGS) {
      const result = stream(text, sizes);
      expect(result.shown).toBe('Who pays for the walks?');
      expect(result.content).toBe('Who pays for the walks?');
      expect(result.idea).toEqual({ user: 'dog walkers', problem: null });
    }
  });

  it('passes a reply without the marker through byte for byte, angle brackets and all', () => {
    const text = 'Compare a < b and <i>this</i>, 🐕\n  then <ide and more.  \n';
    for (const sizes of CHUNKINGS) {
      const result = stream(text, sizes);
      expect(result.shown).toBe(text);
      expect(result.content).toBe(text);
      expect(result.idea).toBeNull();
    }
  });

  it('holds back only what could still be the marker', () => {
    const splitter = new ReplySplitter();
    expect(splitter.push('Hello <')).toBe('Hello');
    expect(splitter.push('b>')).toBe(' <b>');
    expect(splitter.push(' world ')).toBe(' world');
  });

  it('reads no idea from a reading that is not a JSON object', () => {
    expect(stream('Fine.\n<idea>not json', [4]).idea).toBeNull();
    expect(stream('Fine.\n<idea>[1]</idea>', [4]).idea).toBeNull();
  });
});
