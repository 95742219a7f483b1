import { checkFlowchart } from './flowchart-parser';

function problemsOf(source: string): string[] {
  const check = checkFlowchart(source);
  return check.ok ? [] : check.problems.map((problem) => `${problem.line}: ${problem.message}`);
}

describe('checkFlowchart (the Mermaid flowchart subset)', () => {
  it('reads nodes, shapes, edges with labels, groups, subgraphs, classes and comments', () => {
    const check = checkFlowchart(
      [
        '%% the main journeys',
        'flowchart TD',
        '  Start([Sign up]) --> Browse[Browse freelancers]',
        '  Browse -->|finds one| Hire{"Hire (escrow)?"}',
        '  Hire -.-> Later((Later)) ; Hire ==> Pay[[Pay]] & Notify>Notify]',
        '  subgraph UJ1 [Onboarding]',
        '    direction LR',
        '    A1[Profile] --- A2[(Store)]',
        '  end',
        '  classDef done fill:#9f9',
        '  class A1,A2 done',
        '  style Pay fill:#f99',
      ].join('\n'),
    );
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.chart.direction).toBe('TD');
    expect(check.chart.nodes.get('Hire')).toBe('Hire (escrow)?');
    expect(check.chart.nodes.get('A2')).toBe('Store');
    expect(check.chart.edges).toContainEqual({ from: 'Browse', to: 'Hire', label: 'finds one' });
    expect(check.chart.edges).toContainEqual({ from: 'Hire', to: 'Notify', label: null });
    expect(check.chart.subgraphs).toEqual(['UJ1']);
  });

  it('accepts graph LR with semicolons and bare ids', () => {
    expect(problemsOf('graph LR;\n  A --> B;\n  B --> C\n')).toEqual([]);
  });

  it.each([
    ['no header', 'A --> B', '1: expected "flowchart TD"'],
    ['an empty chart', '\n%% nothing\n', '1: the chart is empty'],
    ['a header only', 'flowchart TD\n', 'the chart has no nodes'],
    ['an unknown direction', 'flowchart XY\nA-->B', '1: expected "flowchart TD"'],
    ['unquoted parentheses in a label', 'flowchart TD\nA[Pay (card)] --> B', 'need "quotes"'],
    ['an unclosed label', 'flowchart TD\nA[Pay --> B', 'not closed'],
    ['an unclosed quote', 'flowchart TD\nA["Pay] --> B', 'never closed'],
    ['a missing arrow head', 'flowchart TD\nA -- B', 'expected an arrow'],
    ['a dangling arrow', 'flowchart TD\nA -->', 'expected a node id'],
    ['an unclosed edge label', 'flowchart TD\nA -->|yes B', 'edge label is not closed'],
    ['a node called end', 'flowchart TD\nA --> end', 'is a keyword'],
    ['an unclosed subgraph', 'flowchart TD\nsubgraph S\nA --> B', 'never closed'],
    ['a stray end', 'flowchart TD\nA --> B\nend', '"end" without a subgraph'],
    ['an empty label', 'flowchart TD\nA[] --> B', 'empty label'],
    ['an empty quoted label', 'flowchart TD\nA[" "] --> B', '2: node A: empty label'],
    ['text after a quoted label', 'flowchart TD\nA["Pay" now] --> B', 'is not closed with "]"'],
    [
      'a statement that starts with an arrow',
      'flowchart TD\n--> B',
      'expected a node id at "--> B"',
    ],
    ['an empty edge label', 'flowchart TD\nA -->|| B', 'edge labels must be plain'],
    ['brackets in an edge label', 'flowchart TD\nA -->|yes (paid)| B', 'must be plain'],
    ['a subgraph without a title', 'flowchart TD\nsubgraph\nA --> B\nend', 'subgraph needs an id'],
    [
      'an unclosed subgraph title',
      'flowchart TD\nsubgraph "Onboarding\nA-->B\nend',
      'is not an id',
    ],
    [
      'a subgraph title in no brackets',
      'flowchart TD\nsubgraph S Onboarding\nA-->B\nend',
      'is not an id',
    ],
    ['"end" with more after it', 'flowchart TD\nsubgraph S\nA --> B\nend S', 'stands alone'],
    [
      'an unknown direction in a subgraph',
      'flowchart TD\nsubgraph S\ndirection XY\nA-->B\nend',
      'unknown direction',
    ],
    [
      'a classDef without styles',
      'flowchart TD\nA-->B\nclassDef done',
      'classDef needs a target and styles',
    ],
    [
      'a class without a class name',
      'flowchart TD\nA-->B\nclass A',
      'class needs node ids and a class name',
    ],
  ])('rejects %s', (_name, source, expected) => {
    const problems = problemsOf(source);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toContain(expected);
  });

  it('takes a quoted subgraph title as its id', () => {
    const check = checkFlowchart('flowchart TD\nsubgraph "Sign up"\nA --> B\nend');
    expect(check.ok && check.chart.subgraphs).toEqual(['"Sign up"']);
  });

  it('reports the line of each problem', () => {
    expect(problemsOf('flowchart TD\nA --> B\nB --> C[x(y)]\nC -- D')).toEqual([
      '3: node C: brackets, pipes or quotes in a label need "quotes"',
      '4: expected an arrow (-->, ---, -.->, ==>) at "-- D"',
    ]);
  });
});
