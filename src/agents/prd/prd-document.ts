import { classifyAnswers, NumberedAnswer } from '../answers';
import { PRD_SECTIONS } from './prd-sections';

export const ASSUMPTION_TAG = '[ASSUMPTION]';

/** Section id → markdown body (no heading). */
export type SectionBodies = Readonly<Record<string, string>>;

/**
 * Assembles the PRD: a title, then every section of PRD_SECTIONS in order as "## n. Title".
 * The assumptions index and the clarifications log are computed from the drafted sections, so
 * they always match the text they index.
 */
export function assemblePrd(
  projectName: string,
  drafted: SectionBodies,
  answers: readonly NumberedAnswer[],
  idea = '',
): string {
  const bodies: Record<string, string> = { ...drafted };
  bodies.assumptions = assumptionsIndex(drafted);
  bodies.clarifications_log = clarificationsLog(drafted, answers, idea);
  const parts = PRD_SECTIONS.map(
    (section, index) =>
      `## ${index + 1}. ${section.title}\n\n${(bodies[section.id] ?? '').trim() || '_None yet._'}`,
  );
  return `# ${projectName}: Product Requirements Document\n\n${parts.join('\n\n')}\n`;
}

/**
 * The PRD with some sections' bodies replaced: every other section stays byte for byte, and the
 * assumptions index is recomputed (the clarifications log is history and is kept). Sections the
 * document did not have yet are added in their place in the stable order.
 */
export function patchPrd(markdown: string, replacements: SectionBodies): string {
  const { title, bodies } = splitPrd(markdown);
  const merged: Record<string, string> = { ...bodies, ...replacements };
  if ('assumptions' in merged) merged.assumptions = assumptionsIndex(merged);
  const parts = PRD_SECTIONS.filter((section) => section.id in merged).map(
    (section) =>
      `## ${PRD_SECTIONS.indexOf(section) + 1}. ${section.title}\n\n${merged[section.id].trim() || '_None yet._'}`,
  );
  return `# ${title}\n\n${parts.join('\n\n')}\n`;
}

/** The PRD's sections by id (headings matched by title, numbering ignored); unknown ones dropped. */
export function splitPrd(markdown: string): { title: string; bodies: Record<string, string> } {
  const bodies: Record<string, string> = {};
  const title = /^# (.+)$/m.exec(markdown)?.[1]?.trim() ?? 'Product Requirements Document';
  const chunks = markdown.split(/^## /m).slice(1);
  for (const chunk of chunks) {
    const newline = chunk.indexOf('\n');
    const heading = (newline === -1 ? chunk : chunk.slice(0, newline)).replace(/^\d+\.\s*/, '');
    const section = PRD_SECTIONS.find(
      (candidate) => candidate.title.toLowerCase() === heading.trim().toLowerCase(),
    );
    if (section) bodies[section.id] = newline === -1 ? '' : chunk.slice(newline + 1).trim();
  }
  return { title, bodies };
}

/** The project name back from a title written by assemblePrd. */
export function projectNameOf(title: string): string {
  return title.replace(/:\s*Product Requirements Document$/, '').trim() || title;
}

function assumptionsIndex(drafted: SectionBodies): string {
  const entries: string[] = [];
  for (const section of PRD_SECTIONS.filter((candidate) => candidate.source === 'drafted')) {
    for (const line of (drafted[section.id] ?? '').split('\n')) {
      if (!line.includes(ASSUMPTION_TAG)) continue;
      const text = line
        .replace(ASSUMPTION_TAG, '')
        .replace(/\*\*/g, '')
        .replace(/^[\s>*-]+|^\d+\.\s+|^#+\s+/g, '')
        .replace(/\s+/g, ' ')
        .trim();
      entries.push(`${entries.length + 1}. AS-${entries.length + 1} (${section.title}): ${text}`);
    }
  }
  return entries.length > 0 ? entries.join('\n') : 'No assumptions: every lens was answered.';
}

/**
 * Each answer, and the requirement ids (FR-n, UJ-n, SM-n) on the lines that cite it ("A-2"): the
 * trace from what the user said to what it shaped. An answer that repeats another, or answers
 * nothing, says so: it shaped nothing, and its lens stays open.
 */
function clarificationsLog(
  drafted: SectionBodies,
  answers: readonly NumberedAnswer[],
  idea: string,
): string {
  if (answers.length === 0) return 'No clarification questions were answered.';
  const lines = Object.values(drafted).flatMap((body) => body.split('\n'));
  const uses = classifyAnswers(answers, idea);
  const rows = answers.map((answer, index) => {
    const cite = new RegExp(`\\b${answer.id}\\b`);
    const shaped = new Set<string>();
    for (const line of lines) {
      if (!cite.test(line)) continue;
      for (const id of line.match(/\b(FR|UJ|SM)-\d+\b/g) ?? []) shaped.add(id);
    }
    // Quoted where no requirement id is (the problem, the risks): name the section instead.
    if (shaped.size === 0) {
      for (const section of PRD_SECTIONS) {
        if (section.id === 'open_questions') continue;
        if (cite.test(drafted[section.id] ?? '')) shaped.add(section.title);
      }
    }
    const said = answer.answered ? cell(answer.answer) : `_unanswered_ → ${ASSUMPTION_TAG}`;
    const use = uses[index];
    const trace =
      use.status === 'repeat'
        ? `— (repeats ${use.repeats})`
        : use.status === 'off_topic'
          ? '— (does not answer the question)'
          : [
              shaped.size > 0 ? [...shaped].join(', ') : '—',
              use.status === 'moved' && use.lens ? `(about ${use.lens})` : '',
            ]
              .filter(Boolean)
              .join(' ');
    return `| ${answer.id} | ${answer.lens} | ${cell(answer.question)} | ${said} | ${trace} |`;
  });
  return ['| # | Lens | Question | Answer | Shaped |', '|---|---|---|---|---|', ...rows].join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}
