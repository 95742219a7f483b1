import { THINKING_LENSES } from '@/domain/thinking-lenses';
import {
  classifyAnswers,
  coverageOf,
  evidenceOf,
  isAnswered,
  lensOfText,
  numberAnswers,
} from './answers';

const PHYSIO =
  'A scheduling assistant for independent physiotherapy clinics that fills last-minute ' +
  'cancellations by texting patients on a waitlist';
const PASTED =
  'We are a 3-physio clinic and lose about 6 appointments a week to last-minute cancellations and no-shows.';

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

  it('rates each lens clear, partial or missing from the answers that address it', () => {
    const coverage = coverageOf(
      numberAnswers([
        { lens: 'discovery', question: 'Who?', answer: 'Bakers who sell online' },
        { lens: 'metrics', question: 'Which number?', answer: 'Orders' },
      ]),
      '',
      'An order book for bakers',
    );
    expect(coverage).toEqual({
      discovery: 'clear',
      user_journey: 'missing',
      metrics: 'partial',
      gtm: 'missing',
      risks: 'missing',
    });
  });

  it('counts the same sentence pasted under every question once, for the lens it is about', () => {
    const answers = numberAnswers(
      THINKING_LENSES.map((lens) => ({ lens, question: `About ${lens}?`, answer: PASTED })),
    );
    const uses = classifyAnswers(answers, PHYSIO);
    expect(uses.map((use) => use.status)).toEqual(['used', 'repeat', 'repeat', 'repeat', 'repeat']);
    expect(uses[0].lens).toBe('discovery');
    expect(uses.slice(1).every((use) => use.repeats === 'A-1')).toBe(true);
    expect(coverageOf(answers, '', PHYSIO)).toEqual({
      discovery: 'clear',
      user_journey: 'missing',
      metrics: 'missing',
      gtm: 'missing',
      risks: 'missing',
    });
  });

  it('carries a repeat to the question of the lens it is about, whatever came first', () => {
    const uses = classifyAnswers(
      numberAnswers([
        { lens: 'gtm', question: 'How will they hear about it?', answer: PASTED },
        { lens: 'discovery', question: 'Who are they?', answer: `${PASTED}  ` },
      ]),
      PHYSIO,
    );
    expect(uses).toEqual([
      { id: 'A-1', status: 'repeat', lens: null, repeats: 'A-2' },
      { id: 'A-2', status: 'used', lens: 'discovery', repeats: null },
    ]);
  });

  it('moves an answer plainly about another lens there, and drops one about nothing', () => {
    const answers = numberAnswers([
      {
        lens: 'risks',
        question: 'What is the biggest risk?',
        answer: 'The homeowner sees a list of electricians with star ratings and picks one.',
      },
      { lens: 'metrics', question: 'Which number?', answer: 'I like turtles' },
      { lens: 'gtm', question: 'Pricing?', answer: 'Free.' },
    ]);
    const uses = classifyAnswers(answers, 'A marketplace connecting homeowners with electricians');
    expect(uses.map((use) => [use.status, use.lens])).toEqual([
      ['moved', 'user_journey'],
      ['off_topic', null],
      ['used', 'gtm'],
    ]);
    const evidence = evidenceOf(answers, 'A marketplace connecting homeowners with electricians');
    expect(evidence.risks.answers).toEqual([]);
    expect(evidence.user_journey.answers.map((answer) => answer.id)).toEqual(['A-1']);
  });

  it('takes clear sentences of the uploads as evidence, and only those', () => {
    const uploads =
      'Pricing: £49 a month per clinic, sold through the physiotherapy association newsletter.\n' +
      'The office is on the second floor.';
    const evidence = evidenceOf([], PHYSIO, uploads);
    expect(evidence.gtm.uploads).toEqual([
      'Pricing: £49 a month per clinic, sold through the physiotherapy association newsletter.',
    ]);
    expect(coverageOf([], uploads, PHYSIO).gtm).toBe('clear');
    expect(coverageOf([], uploads, PHYSIO).risks).toBe('missing');
  });

  it('reads what a text is about, preferring the asked lens on a tie', () => {
    expect(lensOfText('£20 a month, sold through the trade association')).toBe('gtm');
    expect(lensOfText('GDPR and patient consent')).toBe('risks');
    expect(lensOfText('nothing relevant here')).toBeNull();
  });
});
