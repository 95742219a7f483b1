import { nameFromIdea } from './projects.service';

describe('nameFromIdea', () => {
  it('takes the first clause, capitalised, at most eight words', () => {
    expect(nameFromIdea('a platform for connecting freelancers, with escrow')).toBe(
      'A platform for connecting freelancers',
    );
    expect(nameFromIdea('An inventory tool for bakeries. It tracks flour.')).toBe(
      'An inventory tool for bakeries',
    );
    expect(nameFromIdea('one two three four five six seven eight nine ten')).toBe(
      'One two three four five six seven eight…',
    );
    expect(nameFromIdea(`${'x'.repeat(150)} idea`)).toHaveLength(100);
  });
});
