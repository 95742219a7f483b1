import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';

const README = join(__dirname, '..', '..', 'README.md');

/** The fenced block of `language` in README.md whose first line is `firstLine`. */
export function readmeCodeBlock(language: string, firstLine: string): string {
  const text = readFileSync(README, 'utf8');
  for (const match of text.matchAll(/```(\w+)\n([\s\S]*?)```/g)) {
    if (match[1] === language && match[2].startsWith(`${firstLine}\n`)) return match[2];
  }
  throw new Error(`README.md has no ${language} block starting with ${JSON.stringify(firstLine)}`);
}

export interface NodeVerifiers {
  verifyPrdForgeWebhook(
    rawBody: Buffer | string,
    signatureHeader: string,
    secret: string,
    nowMs?: number,
  ): boolean;
  verifyBodySignature(rawBody: Buffer | string, secret: string): boolean;
}

/** The README's Node verification code, run exactly as printed. */
export function nodeVerifiersFromReadme(): NodeVerifiers {
  const code = readmeCodeBlock('js', '// Verify a PRD Forge webhook (Node 18+)');
  const module = { exports: {} as NodeVerifiers };
  // The block is a CommonJS module for receivers to paste: wrapped the way Node wraps one.
  const load = runInThisContext(`(function (require, module) {\n${code}\n})`) as (
    require: NodeJS.Require,
    module: { exports: NodeVerifiers },
  ) => void;
  load(require, module);
  return module.exports;
}

export const hasPython = spawnSync('python3', ['--version']).status === 0;

export interface PythonCheck {
  readonly rawBody: Buffer;
  readonly signatureHeader: string;
  readonly secret: string;
  /** Seconds since the epoch; the receiver's clock. */
  readonly now?: number;
}

/** The README's Python code, run exactly as printed, on each check: [header ok, body ok]. */
export function verifyWithReadmePython(checks: readonly PythonCheck[]): [boolean, boolean][] {
  const code = readmeCodeBlock('python', '# Verify a PRD Forge webhook (Python 3.10+)');
  const driver = `
import base64, json, sys
results = []
for check in json.load(sys.stdin):
    raw = base64.b64decode(check["body"])
    results.append([
        verify_prdforge_webhook(raw, check["header"], check["secret"], check.get("now")),
        verify_body_signature(raw, check["secret"]),
    ])
print(json.dumps(results))
`;
  const input = JSON.stringify(
    checks.map((check) => ({
      body: check.rawBody.toString('base64'),
      header: check.signatureHeader,
      secret: check.secret,
      now: check.now,
    })),
  );
  const run = spawnSync('python3', ['-c', `${code}\n${driver}`], { input, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as [boolean, boolean][];
}
