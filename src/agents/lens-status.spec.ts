import { noLensCovered } from '@/domain/thinking-lenses';
import { coverageOf, numberAnswers } from './answers';
import { lensStatusAfterIteration, lensStatusFrom, statesContent } from './lens-status';

const ASSUMED_GTM = {
  competitive_landscape: '- [ASSUMPTION] Today teams use spreadsheets.',
  go_to_market: '- [ASSUMPTION] Launch to a waitlist.\n- [ASSUMPTION] Free tier, paid plan after.',
};

describe('thinking lens status', () => {
  it('counts a body as stating content only for untagged lines with words', () => {
    expect(statesContent('- [ASSUMPTION] Launch to a waitlist.')).toBe(false);
    expect(statesContent('_None yet._\n\n- \n###')).toBe(false);
    expect(statesContent('- **SM-2:** [ASSUMPTION] Weekly actives grow 10%.')).toBe(false);
    expect(statesContent('- [ASSUMPTION] Waitlist.\n- Launch via Product Hunt.')).toBe(true);
  });

  it('generate: a lens is covered when its answers are clear and its sections state them', () => {
    const coverage = coverageOf(
      numberAnswers([
        { lens: 'discovery', question: 'Who?', answer: 'Bakers who sell online' },
        { lens: 'metrics', question: 'Which number?', answer: 'Orders' },
        { lens: 'gtm', question: 'Channel?', answer: 'Farmers markets and local newsletters' },
      ]),
    );
    const status = lensStatusFrom(coverage, {
      overview: 'An order book for bakers who sell online.',
      success_metrics: '- **SM-1:** Orders per week.',
      // A clear answer the section did not use leaves the lens uncovered.
      ...ASSUMED_GTM,
    });
    expect(status).toEqual({ ...noLensCovered(), discovery: true });
  });

  it('iterate: a lens flips to covered when a rewritten section of it gains stated content', () => {
    const status = lensStatusAfterIteration(
      noLensCovered(),
      {
        ...ASSUMED_GTM,
        go_to_market: `${ASSUMED_GTM.go_to_market}\n\n- Launch via Product Hunt, $12/month per seat.`,
      },
      ['go_to_market'],
    );
    expect(status).toEqual({ ...noLensCovered(), gtm: true });
  });

  it('iterate: fixing review findings covers no lens, since the user said nothing new', () => {
    const bodies = {
      ...ASSUMED_GTM,
      go_to_market: `${ASSUMED_GTM.go_to_market}\n\n- Launch via Product Hunt, $12/month per seat.`,
    };
    expect(
      lensStatusAfterIteration(noLensCovered(), bodies, ['go_to_market'], {
        newStatements: false,
      }),
    ).toEqual(noLensCovered());
    const covered = { ...noLensCovered(), gtm: true };
    expect(
      lensStatusAfterIteration(covered, bodies, ['go_to_market'], { newStatements: false }),
    ).toEqual(covered);
  });

  it('iterate: a lens stays uncovered when its rewritten sections hold only assumptions', () => {
    const bodies = {
      ...ASSUMED_GTM,
      go_to_market: `${ASSUMED_GTM.go_to_market}\n- [ASSUMPTION] Launch via Product Hunt.`,
      // Stated, but not rewritten by this request: it says nothing about what the user asked.
      overview: 'An order book for bakers.',
    };
    expect(lensStatusAfterIteration(noLensCovered(), bodies, ['go_to_market'])).toEqual(
      noLensCovered(),
    );
  });

  it('iterate: lenses whose sections were not rewritten keep their status', () => {
    const previous = { ...noLensCovered(), discovery: true, risks: true };
    const status = lensStatusAfterIteration(
      previous,
      { overview: '', risks: '- [ASSUMPTION] Churn.', non_goals: '- No native apps.' },
      ['non_goals'],
    );
    expect(status).toEqual(previous);
  });

  it('iterate: a covered lens stays covered while its sections state content, else drops', () => {
    const previous = { ...noLensCovered(), gtm: true };
    const kept = lensStatusAfterIteration(
      previous,
      { competitive_landscape: '- [ASSUMPTION] More rivals.', go_to_market: '- Launch via PH.' },
      ['competitive_landscape'],
    );
    expect(kept.gtm).toBe(true);
    expect(lensStatusAfterIteration(previous, ASSUMED_GTM, ['go_to_market']).gtm).toBe(false);
  });
});
