/** One label matcher of a vector selector: `job="prd-forge-api"`, `state=~"waiting|active"`. */
export interface LabelMatcher {
  readonly label: string;
  readonly op: '=' | '!=' | '=~' | '!~';
  readonly value: string;
}

/** A metric a PromQL expression reads, with the matchers it puts on it. */
export interface VectorSelector {
  readonly metric: string;
  readonly matchers: readonly LabelMatcher[];
}

/** Words of PromQL that look like metric names but are not. */
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'atan2',
  'inf',
  'nan',
]);

/**
 * The vector selectors of a PromQL expression, for checking that the metrics an alert or a panel
 * reads exist. Not a parser: it drops grouping clauses (`by (le)`, `on (queue)`), range and
 * subquery brackets, strings and numbers, and takes every name that is not a function call or
 * a keyword, with the `{…}` that follows it. Enough for the expressions we write; a construct it
 * misreads yields a name no scrape has, which fails the check rather than passing it.
 */
export function vectorSelectors(expr: string): VectorSelector[] {
  const rest = expr.replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  // Strings, ranges (`[5m]`) and numbers are skipped whole; a name takes its `{…}` with it, so
  // brackets inside a matcher's regex stay in the matcher.
  const token =
    /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\[[^\]]*\]|[0-9][0-9a-zA-Z_.]*|([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{[^}]*\})?(\s*\()?/g;
  const selectors: VectorSelector[] = [];
  for (const [, metric, braces, call] of rest.matchAll(token)) {
    if (!metric || call || KEYWORDS.has(metric)) continue;
    selectors.push({ metric, matchers: braces ? labelMatchers(braces) : [] });
  }
  return selectors;
}

/** Whether a matcher accepts a label value (regexes are anchored, as in PromQL). */
export function matches(matcher: LabelMatcher, value: string): boolean {
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return new RegExp(`^(?:${matcher.value})$`).test(value);
    case '!~':
      return !new RegExp(`^(?:${matcher.value})$`).test(value);
  }
}

function labelMatchers(braces: string): LabelMatcher[] {
  const pattern = /([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"/g;
  return [...braces.matchAll(pattern)].map(([, label, op, value]) => ({
    label,
    op: op as LabelMatcher['op'],
    // PromQL's double-quoted strings escape like Go's; a regex's backslashes arrive doubled.
    value: value.replace(/\\(.)/g, '$1'),
  }));
}
