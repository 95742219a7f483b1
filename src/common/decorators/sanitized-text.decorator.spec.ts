import { toPlainText } from './sanitized-text.decorator';

describe('toPlainText', () => {
  it.each([
    ['  Ada   Lovelace ', 'Ada Lovelace'],
    ['<b>Grace</b> Hopper', 'Grace Hopper'],
    ['<script>alert(1)</script>Alan', 'Alan'],
    ['<img src=x onerror=alert(1)>Marie', 'Marie'],
    ['Tom <3 Jerry', 'Tom 3 Jerry'],
    ['line\nbreak\ttab\u0000nul', 'line break tab nul'],
    ['<<b>>', ''],
    ["O'Brien & Sons", "O'Brien & Sons"],
  ])('%j becomes %j', (raw, expected) => {
    expect(toPlainText(raw)).toBe(expected);
  });
});
