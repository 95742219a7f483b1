import { flowchartCoverage } from './flowchart-coverage';
import type { Journey } from './prd-outline';

const BOOKING: Journey = {
  id: 'UJ-1',
  title: 'Booking a slot',
  steps: ['The owner opens the booking link', 'The owner picks a free slot'],
};
const PAYING: Journey = { id: 'UJ-2', title: 'Paying the deposit', steps: ['The owner pays'] };

function coverage(lines: string[], journeys: Journey[] = [BOOKING, PAYING]) {
  const result = flowchartCoverage(['flowchart TD', ...lines].join('\n'), journeys);
  if (!result.parses) throw new Error(`did not parse: ${JSON.stringify(result.problems)}`);
  return result;
}

describe('flowchartCoverage', () => {
  it('counts a journey drawn by a node that names it, and says which journeys are missing', () => {
    const result = coverage(['  Start([Start]) --> Book[UJ1 Book]', '  Book --> Done([Done])']);
    expect(result.missingJourneys).toEqual([PAYING]);
    expect(result.orphanPaths).toEqual([]);
  });

  it('reports a path between nodes of no journey, by id and by label', () => {
    const result = coverage([
      '  Open[UJ-1 Booking a slot] --> Pay[UJ-2 Paying the deposit]',
      '  Export[Export invoices] --> Archive[Archive the ledger]',
    ]);
    expect(result.orphanPaths).toEqual([
      { id: 'Export->Archive', label: 'Export invoices → Archive the ledger' },
    ]);
  });

  it('lets a journey node lead to an entry or exit node, not into the middle of another path', () => {
    const result = coverage([
      '  Start([Start]) --> Open[UJ-1 Booking a slot]',
      '  Open --> Audit[Audit trail] --> Report[Weekly report]',
      '  Report --> Pay[UJ-2 Paying the deposit] --> Done([Done])',
    ]);
    expect(result.orphanPaths.map((path) => path.id)).toEqual([
      'Open->Audit',
      'Audit->Report',
      'Report->Pay',
    ]);
  });

  it('reports a lone node of no journey, and keeps a lone node that names one', () => {
    const result = coverage([
      '  Open[UJ-1 Booking a slot] --> Pay[UJ-2 Paying the deposit]',
      '  Legal[Terms of service]',
      '  Reminder[Booking a slot reminder]',
    ]);
    expect(result.orphanPaths).toEqual([{ id: 'Legal', label: 'Terms of service' }]);
  });

  it('does not make a node part of a journey because its style is set inside the journey subgraph', () => {
    const result = coverage([
      '  subgraph UJ1 [Booking a slot]',
      '    style Export fill:#f99',
      '    Open[Open link] --> Pick[Pick slot]',
      '  end',
      '  Export[Export invoices] --> Archive[Archive the ledger]',
    ]);
    expect(result.orphanPaths.map((path) => path.id)).toEqual(['Export->Archive']);
  });

  it('binds the nodes first drawn inside a journey subgraph, whatever their labels', () => {
    const result = coverage([
      '  subgraph UJ1 [Booking a slot]',
      '    Export[Export invoices] --> Archive[Archive the ledger]',
      '  end',
    ]);
    expect(result.orphanPaths).toEqual([]);
    expect(result.missingJourneys).toEqual([PAYING]);
  });

  it('reads the nodes of a line that starts with a semicolon or holds nothing else', () => {
    const result = coverage([
      '  subgraph UJ1 [Booking a slot]',
      '    ;',
      '    ; Export[Export invoices] --> Archive[Archive the ledger]',
      '  end',
    ]);
    expect(result.orphanPaths).toEqual([]);
  });
});
