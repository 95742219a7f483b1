import { INestApplication } from '@nestjs/common';
import type { Request, Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRODUCT_NAME, README_PATH } from './document-info';

/** src/bootstrap/openapi or dist/bootstrap/openapi: the README sits three levels up. */
const README_FILE = join(__dirname, '..', '..', '..', 'README.md');

/**
 * The README as a page beside Swagger UI, so the docs' link to the journey works on any host:
 * the text as written, in a <pre>, with an anchor at each heading named as GitHub names it.
 * Read once at start-up; a deployment without the file answers 404.
 */
export function serveReadme(app: INestApplication): void {
  const page = existsSync(README_FILE) ? readmePage(readFileSync(README_FILE, 'utf8')) : undefined;
  app.getHttpAdapter().get(README_PATH, (_req: Request, res: Response) => {
    if (!page) {
      res.status(404).type('text/plain').send('README.md is not part of this deployment');
      return;
    }
    res.type('html').send(page);
  });
}

export function readmePage(markdown: string): string {
  const seen = new Map<string, number>();
  let fenced = false;
  const lines = markdown.split('\n').map((line) => {
    const text = escapeHtml(line);
    // A `#` inside a code block is a shell comment, not a heading.
    if (line.startsWith('```')) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading) return text;
    const slug = githubSlug(heading[1]);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    const id = count === 0 ? slug : `${slug}-${count}`;
    return `<a id="${id}" href="#${id}">${text}</a>`;
  });
  return [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><title>${PRODUCT_NAME}: README</title>`,
    '<style>body{margin:2rem auto;max-width:60rem;padding:0 1rem}pre{white-space:pre-wrap}</style>',
    `</head><body><p><a href="/docs">← ${PRODUCT_NAME} API docs</a></p>`,
    `<pre>${lines.join('\n')}</pre></body></html>`,
  ].join('\n');
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
export function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
