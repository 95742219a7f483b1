import { applyPatch, createTwoFilesPatch } from 'diff';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { STALL_BOUND_MS } from '@test/support/responsiveness';
import { lineDiff, wholeMiddlePatch } from './line-diff';
import { formatPatch } from 'diff';

const names = { oldName: 'a.md', newName: 'b.md', oldHeader: 'x', newHeader: 'y' };
const numbered = (count: number, tag: string): string =>
  Array.from({ length: count }, (_, index) => `${tag} line ${index} ${tag.repeat(3)}`).join('\n');

describe('lineDiff', () => {
  it("is exactly the diff library's unified diff for ordinary texts", async () => {
    const oldText = '# PRD\nOld line\nSame\n';
    const newText = '# PRD\nNew line\nSame\nAdded\n';
    await expect(lineDiff({ ...names, oldText, newText })).resolves.toEqual({
      diff: createTwoFilesPatch('a.md', 'b.md', oldText, newText, 'x', 'y', { context: 3 }),
      additions: 2,
      deletions: 1,
      too_different: false,
    });
  });

  it('diffs long texts that differ a little line by line, in a worker', async () => {
    const oldText = numbered(5_000, 'a');
    const newText = oldText.replace('a line 2500 aaa', 'changed');
    const result = await lineDiff({ ...names, oldText, newText });
    expect(result).toMatchObject({ additions: 1, deletions: 1, too_different: false });
    expect(applyPatch(oldText, result.diff)).toBe(newText);
  });

  it('answers two texts of 15,000 different lines with the whole-middle patch, never blocking', async () => {
    const oldText = `# Same title\n${numbered(15_000, 'a')}\nsame end\n`;
    const newText = `# Same title\n${numbered(15_000, 'b')}\nsame end\n`;
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const result = await lineDiff({ ...names, oldText, newText });
    loop.disable();
    expect(result).toMatchObject({ additions: 15_000, deletions: 15_000, too_different: true });
    expect(applyPatch(oldText, result.diff)).toBe(newText);
    expect(result.diff).toContain('@@ -1,15002 +1,15002 @@');
    // Loose on purpose (a loaded machine stalls the loop too): an unbudgeted diff of these
    // texts on the main thread blocks it for far longer.
    expect(loop.max / 1e6).toBeLessThan(STALL_BOUND_MS);
  });
});

describe('wholeMiddlePatch', () => {
  it.each([
    ['a\nb\nc\n', 'a\nx\nc\n'],
    ['a\nb\nc', 'a\nb\nd'],
    ['', 'new\n'],
    ['old\n', ''],
    ['1\n2\n3\n4\n5\n6\n7\n8\n', '1\n2\n3\n4\nX\nY\n6\n7\n8\n'],
    ['same\n', 'same\n'],
    ['no newline', 'no newline\n'],
    ['a\r\nb\r\n', 'a\r\nc\r\n'],
  ])('turns %j into %j with a patch that applies', (oldText, newText) => {
    const patch = formatPatch(wholeMiddlePatch({ ...names, oldText, newText }));
    expect(applyPatch(oldText, patch)).toBe(newText);
  });

  it('matches the diff library where its diff is a single replaced block', () => {
    const oldText = '1\n2\n3\n4\n5\n6\n7\n8\n';
    const newText = '1\n2\n3\n4\nX\nY\n6\n7\n8\n';
    expect(formatPatch(wholeMiddlePatch({ ...names, oldText, newText }))).toBe(
      createTwoFilesPatch('a.md', 'b.md', oldText, newText, 'x', 'y', { context: 3 }),
    );
  });
});
