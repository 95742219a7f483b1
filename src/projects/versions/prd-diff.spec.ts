import { prdDiff } from './prd-diff';
import { labelFor, seqOf } from './version-label';

describe('prdDiff', () => {
  const at = new Date('2024-01-16T14:25:00.000Z');

  it('is a unified diff with headers naming the versions, and line counts', async () => {
    const result = await prdDiff(
      { label: 'v1.0', timestamp: at, text: '# PRD\nOld line\nSame\n' },
      { label: 'v1.2', timestamp: at, text: '# PRD\nNew line\nSame\nAdded\n' },
    );
    expect(result.diff).toBe(
      [
        '===================================================================',
        '--- v1.0/prd.md\t2024-01-16T14:25:00.000Z',
        '+++ v1.2/prd.md\t2024-01-16T14:25:00.000Z',
        '@@ -1,3 +1,4 @@',
        ' # PRD',
        '-Old line',
        '+New line',
        ' Same',
        '+Added',
        '',
      ].join('\n'),
    );
    expect(result).toMatchObject({ additions: 2, deletions: 1, too_different: false });
  });

  it('is empty of hunks for identical texts', async () => {
    const same = { label: 'v1.1', timestamp: at, text: '# Same\n' };
    const result = await prdDiff(same, same);
    expect(result).toMatchObject({ additions: 0, deletions: 0 });
    expect(result.diff).not.toContain('@@');
  });
});

describe('version labels', () => {
  it('are v1.{seq} and read back', () => {
    expect(labelFor(0)).toBe('v1.0');
    expect(labelFor(12)).toBe('v1.12');
    expect(seqOf('v1.12')).toBe(12);
    for (const bad of ['v1.01', 'v2.0', '1.0', 'v1.', 'v1.-1', 'v1.1 '])
      expect(seqOf(bad)).toBeNull();
  });
});
