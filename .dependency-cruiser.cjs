/**
 * The floors of src/ and the one direction imports may run (README, "Architecture"):
 *
 *   entry points   main.ts, app.module.ts, bootstrap/, worker/
 *   workflows      workflows/          use cases that combine features (and the agents)
 *   features       auth/ users/ projects/ files/ health/ (chats/ webhooks/ …)
 *   AI library     agents/ on llm/     inputs in, results out
 *   platform       realtime/ storage/ jobs/
 *   base           domain/ infra/ common/ config/
 *
 * `npm run lint` runs this; a violation fails it (and CI). There are no exceptions: fix the
 * import, or move the code to the floor it belongs on.
 */
const ENTRY = '^src/(main\\.ts$|app\\.module\\.ts$|bootstrap/|worker/)';
const WORKFLOWS = '^src/workflows/';
const FEATURES = '^src/(auth|users|projects|files|health|chats|webhooks)/';
const AI = '^src/(agents|llm)/';
const PLATFORM = '^src/(realtime|storage|jobs)/';
const BASE = '^src/(domain|infra|common|config)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import circle: two files (or more) that need each other. Split the shared part out.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'entry-points-on-top',
      comment: 'Only entry points import entry points (main.ts, app.module.ts, bootstrap/, worker/).',
      severity: 'error',
      from: { path: '^src/', pathNot: ENTRY },
      to: { path: ENTRY },
    },
    {
      name: 'features-not-to-workflows',
      comment: 'A feature knows nothing of the use cases built on it: move the caller into a workflow.',
      severity: 'error',
      from: { path: `${FEATURES}|${AI}|${PLATFORM}|${BASE}` },
      to: { path: WORKFLOWS },
    },
    {
      name: 'features-not-to-ai',
      comment: 'A feature knows nothing of the agents or the LLM: a workflow combines them.',
      severity: 'error',
      from: { path: FEATURES },
      to: { path: AI },
    },
    {
      name: 'ai-library-is-pure',
      comment:
        'agents/ and llm/ take inputs and return results: no feature, workflow or platform module. ' +
        'Pass what they need in (a loader, a save callback, a progress sink).',
      severity: 'error',
      from: { path: AI },
      to: { path: `${FEATURES}|${PLATFORM}` },
    },
    {
      name: 'llm-below-agents',
      comment: 'llm/ is the gateway the agents stand on; it never imports them.',
      severity: 'error',
      from: { path: '^src/llm/' },
      to: { path: '^src/agents/' },
    },
    {
      name: 'platform-not-up',
      comment: 'realtime/, storage/ and jobs/ serve everyone above them and import none of it.',
      severity: 'error',
      from: { path: PLATFORM },
      to: { path: `${FEATURES}|${AI}` },
    },
    {
      name: 'jobs-is-names-and-payloads',
      comment: 'jobs/ holds queue names and payload types: it imports nothing above base.',
      severity: 'error',
      from: { path: '^src/jobs/' },
      to: { path: '^src/', pathNot: `^src/jobs/|${BASE}` },
    },
    {
      name: 'base-imports-base-only',
      comment: 'domain/, infra/, common/ and config/ import no feature, no library, no platform.',
      severity: 'error',
      from: { path: BASE },
      to: { path: '^src/', pathNot: BASE },
    },
    {
      name: 'no-unknown-floor',
      comment: 'Every folder of src/ is on a floor: add a new one to these rules (and the README).',
      severity: 'error',
      from: { path: '^src/' },
      to: {
        path: '^src/',
        pathNot: `${ENTRY}|${WORKFLOWS}|${FEATURES}|${AI}|${PLATFORM}|${BASE}`,
      },
    },
  ],
  options: {
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
