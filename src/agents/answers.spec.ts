import { coverageOf, isAnswered, numberAnswers } from './answers';

describe('answers and lens coverage', () => {
  it('numbers answers and tells real answers from blanks and "not sure"', () => {
    const numbered = numberAnswers([
      { lens: 'discovery', question: 'Who?', answer: '  Bakers who sell online  ' },
      { lens: 'metrics', question: 'Which number?', answer: 'Not sure.' },
      { lens: 'gtm', question: 'Channel?', answer: '' },
    ]);
    expect(numbered.map((a) => [a.id, a.answer, a.answered])).toEqual([
      ['A-1', 'Bakers who sell online', true],
      ['A-2', 'Not sure.', false],
      ['A-3', '', false],
    ]);
    expect(['idk', 'TBD', 'n/a', '?', 'skip'].map(isAnswered)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('rates each lens clear, partial or missing', () => {
    const coverage = coverageOf(
      numberAnswers([
        { lens: 'discovery', question: 'Who?', answer: 'Bakers who sell online' },
        { lens: 'metrics', question: 'Which number?', answer: 'Orders' },
      ]),
    );
    expect(coverage).toEqual({
      discovery: 'clear',
      user_journey: 'missing',
      metrics: 'partial',
      gtm: 'missing',
      risks: 'missing',
    });
    expect(coverageOf([], 'An uploaded brief').discovery).toBe('partial');
  });
});
