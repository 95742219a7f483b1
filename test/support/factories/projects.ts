import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { AuthenticatedRequests } from './users';

/**
 * Environment for apps whose tests sign up many users: generous auth limits and cheap password
 * hashing (the accounts specs test those; here they would only slow things down).
 */
export const PROJECT_TEST_ENV: Readonly<Record<string, string>> = {
  RATE_LIMIT_AUTH_PER_MINUTE: '10000',
  RATE_LIMIT_AI_PER_HOUR: '10000',
  ARGON2_MEMORY_KIB: '8192',
  ARGON2_TIME_COST: '1',
};

export const AN_IDEA = 'A platform for connecting freelancers with small businesses, with escrow';

export interface CreatedProject {
  readonly id: string;
  readonly sessionId: string;
  readonly body: Record<string, unknown>;
}

export interface FileToAttach {
  readonly name: string;
  readonly content: Buffer;
}

/** POST /projects as multipart, as a browser would send it. */
export function postProject(
  api: AuthenticatedRequests,
  fields: Record<string, string> = { initial_idea: AN_IDEA },
  files: readonly FileToAttach[] = [],
) {
  let req = api.post('/api/v1/projects');
  for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
  for (const file of files) req = req.attach('files', file.content, file.name);
  return req;
}

export async function aProject(
  api: AuthenticatedRequests,
  fields: Record<string, string> = { initial_idea: AN_IDEA },
  files: readonly FileToAttach[] = [],
): Promise<CreatedProject> {
  const res = await postProject(api, fields, files).expect(201);
  return { id: res.body.project_id, sessionId: res.body.session_id, body: res.body };
}

export interface VersionBody {
  prd_content: string;
  flowchart_content: string;
  changes: string;
  thinking_lens_status?: Record<string, boolean>;
}

export function aVersion(overrides: Partial<VersionBody> = {}): VersionBody {
  return {
    prd_content: '# PRD\n\n## Discovery\nFreelancers and clients.\n',
    flowchart_content: 'graph TD\n  A[Client] --> B[Freelancer]\n',
    changes: 'First draft',
    ...overrides,
  };
}

export function saveVersion(
  api: AuthenticatedRequests,
  projectId: string,
  overrides: Partial<VersionBody> = {},
) {
  return api.post(`/api/v1/projects/${projectId}/versions`).send(aVersion(overrides));
}

/** Supertest buffers text bodies only; everything else arrives as a Buffer with this parser. */
export function binary(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

export interface UploadFile {
  readonly name: string;
  readonly content: Buffer;
}

/** POST /projects/{id}/uploads with each file as a `files` part. */
export function uploadFiles(api: AuthenticatedRequests, projectId: string, files: UploadFile[]) {
  let req = api.post(`/api/v1/projects/${projectId}/uploads`);
  for (const file of files) req = req.attach('files', file.content, file.name);
  return req;
}

/** GET /projects/{id}/uploads, expecting 200: the `files` list. */
export async function listUploads(
  api: AuthenticatedRequests,
  projectId: string,
): Promise<Record<string, unknown>[]> {
  const res = await api.get(`/api/v1/projects/${projectId}/uploads`).expect(200);
  return res.body.files as Record<string, unknown>[];
}

/** Follows a download URL (no token: the URL's signature is the authorisation), body as bytes. */
export function downloadBytes(http: TestAgent, url: string) {
  return http.get(pathOf(url)).buffer(true).parse(binary);
}

/** The path (and query) of a root-relative or absolute download URL, for supertest. */
export function pathOf(url: string): string {
  const parsed = new URL(url, 'http://localhost');
  return `${parsed.pathname}${parsed.search}`;
}

/** The `field` of each problem in a 400/413/415 body. */
export function fieldNames(body: unknown): string[] {
  const fields = (body as { fields?: { field: string }[] }).fields ?? [];
  return fields.map((problem) => problem.field);
}

/** The `id` of each item of a list in a response body. */
export function idsOf(items: unknown): string[] {
  return (items as { id: string }[]).map((item) => item.id);
}

export interface RawPart {
  readonly field: string;
  /** Sent byte for byte (UTF-8) in the part header: no client-side basename or escaping. */
  readonly filename?: string;
  readonly content: Buffer | string;
}

/**
 * A multipart/form-data body built by hand, for file names a well-behaved client would never
 * send (HTTP clients strip directories from names before they reach the server).
 */
export function rawMultipart(parts: readonly RawPart[]): { body: Buffer; contentType: string } {
  const boundary = `----prdforge${Date.now().toString(16)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      part.filename === undefined
        ? `form-data; name="${part.field}"`
        : `form-data; name="${part.field}"; filename="${part.filename}"`;
    const type = part.filename === undefined ? '' : 'Content-Type: application/octet-stream\r\n';
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`, 'utf8'),
    );
    chunks.push(Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content, 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** One field of each item of a list in a response body. */
export function pluck(items: unknown, key: string): unknown[] {
  return (items as Record<string, unknown>[]).map((item) => item[key]);
}
