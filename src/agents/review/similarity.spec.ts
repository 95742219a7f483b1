import { nearDuplicates, sharedPassages, withoutNames } from './similarity';

const PASSAGE = 'groomers confirm each booking by text message before they drive to the owner';

describe('nearDuplicates', () => {
  it('pairs items whose content words overlap by the threshold, and only those', () => {
    const pairs = nearDuplicates(
      [
        { id: 'FR-1', text: 'Owners book a grooming slot online' },
        { id: 'FR-2', text: 'Owners book a grooming slot on the website' },
        { id: 'FR-3', text: 'Groomers export monthly invoices' },
      ],
      0.5,
    );
    expect(pairs.map(({ a, b }) => [a, b])).toEqual([['FR-1', 'FR-2']]);
    expect(pairs[0].similarity).toBeGreaterThanOrEqual(0.5);
  });
});

describe('sharedPassages', () => {
  it('finds a passage pasted into two sections once per pair, and skips sections without words', () => {
    expect(
      sharedPassages({
        overview: `Intro. ${PASSAGE}. More.`,
        empty: '—',
        risks: `Risk: ${PASSAGE}, twice: ${PASSAGE}`,
      }),
    ).toEqual([
      {
        sections: ['overview', 'risks'],
        sample: 'groomers confirm each booking by text message before',
      },
    ]);
  });

  it('stops reading after 30,000 words, whatever the sections hold after that', () => {
    const filler = Array.from({ length: 30_000 }, (_, i) => `w${i}`).join(' ');
    expect(
      sharedPassages({ overview: `${PASSAGE} ${filler}`, later: PASSAGE, last: PASSAGE }),
    ).toEqual([]);
    expect(sharedPassages({ overview: PASSAGE, later: PASSAGE })).toHaveLength(1);
  });
});

describe('withoutNames', () => {
  it('leaves out names of two words or more, never a one-word name, and keeps empty sections', () => {
    expect(
      withoutNames({ scope: 'In: Filling cancellations, Search and Payments.', empty: '' }, [
        'Filling cancellations',
        'Search',
      ]),
    ).toEqual({ scope: 'in search and payments', empty: '' });
  });
});
