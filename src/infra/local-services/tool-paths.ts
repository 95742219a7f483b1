import { join, resolve } from 'node:path';

/** Same depth from src/ (ts-jest) and dist/ (built), so both find the repository root. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const TOOLS_DIR = process.env.PRD_FORGE_TOOLS_DIR ?? join(REPO_ROOT, '.tools');
