import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const openapi = JSON.parse(readFileSync(join(root, 'openapi.json'), 'utf8'));
const collection = JSON.parse(
  readFileSync(join(root, 'docs', 'postman', 'prd-forge.postman_collection.json'), 'utf8'),
);

interface PostmanRequest {
  method: string;
  url: { path: string[] };
  auth?: { type: string; bearer?: { key: string; value: string }[] } | null;
}
interface PostmanItem {
  name: string;
  item?: PostmanItem[];
  request?: PostmanRequest;
  event?: { listen: string; script: { exec: string[] } }[];
}

function requests(items: PostmanItem[]): PostmanItem[] {
  return items.flatMap((item) => (item.item ? requests(item.item) : [item]));
}

/** `POST /api/v1/projects/{project_id}/iterate`, whichever side it comes from. */
function keyOf(item: PostmanItem): string {
  const path = item.request!.url.path.map((part) => part.replace(/^:(.+)$/, '{$1}'));
  return `${item.request!.method} /${path.join('/')}`;
}

function checkPostman(openapiFile?: string) {
  const args = [
    'scripts/postman.mjs',
    '--check',
    ...(openapiFile ? ['--openapi', openapiFile] : []),
  ];
  return spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
}

describe('Postman collection (docs/postman, npm run postman)', () => {
  const all = requests(collection.item);
  const byKey = new Map(all.map((item) => [keyOf(item), item]));

  it('is what openapi.json generates today, byte for byte (npm run postman rewrites it)', () => {
    const result = checkPostman();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('is reported stale once openapi.json changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prd-forge-postman-'));
    try {
      const changed = structuredClone(openapi);
      changed.paths['/api/v1/projects'].get.summary = 'A summary the collection does not have';
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(changed));
      const result = checkPostman(file);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('prd-forge.postman_collection.json');
      expect(result.stderr).toContain('npm run postman');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has one request for every operation in openapi.json', () => {
    const operations = Object.entries(openapi.paths as Record<string, object>).flatMap(
      ([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect([...byKey.keys()].sort()).toEqual(operations.sort());
  });

  it('signs every secured operation with {{access_token}}, and only those', () => {
    for (const [path, methods] of Object.entries(openapi.paths as Record<string, object>)) {
      for (const [method, operation] of Object.entries(methods as Record<string, object>)) {
        const secured = Boolean((operation as { security?: unknown[] }).security?.length);
        const auth = byKey.get(`${method.toUpperCase()} ${path}`)!.request!.auth;
        if (secured) {
          expect(auth).toEqual({
            type: 'bearer',
            bearer: [{ key: 'token', value: '{{access_token}}' }],
          });
        } else {
          expect(auth?.type ?? 'none').not.toBe('bearer');
        }
      }
    }
  });

  it('stores the tokens at sign-in and the ids the next requests use', () => {
    const script = (key: string) =>
      byKey
        .get(key)!
        .event!.filter((event) => event.listen === 'test')
        .flatMap((event) => event.script.exec)
        .join('\n');
    const login = script('POST /api/v1/auth/login');
    expect(login).toContain("pm.environment.set('access_token', body.access_token)");
    expect(login).toContain("pm.environment.set('refresh_token', body.refresh_token)");
    expect(script('POST /api/v1/auth/refresh')).toContain(
      "pm.environment.set('access_token', body.access_token)",
    );
    expect(script('POST /api/v1/projects')).toContain(
      "pm.environment.set('project_id', body.project_id)",
    );
    expect(script('POST /api/v1/projects/{project_id}/clarifications')).toContain(
      "pm.environment.set('task_id', body.task_id)",
    );
    const status = byKey.get('GET /api/v1/projects/{project_id}/generation-status/{task_id}')!;
    expect(JSON.stringify(status.request!.url)).toContain('{{task_id}}');
    expect(script('POST /api/v1/chats')).toContain("pm.environment.set('chat_id', body.chat_id)");
    const messages = byKey.get('GET /api/v1/chats/{chat_id}/messages')!;
    expect(JSON.stringify(messages.request!.url)).toContain('{{chat_id}}');
  });
});
