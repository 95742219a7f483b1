// `npm run postman`: the Postman collection and environment in docs/postman/, generated from
// openapi.json with openapi-to-postmanv2, then made runnable: bearer auth reads {{access_token}},
// sign-in and the agent calls store what the next request needs (tokens, ids) in the environment,
// and every id is derived from the content so the output is byte-for-byte reproducible.
//   node scripts/postman.mjs                     rewrite the files
//   node scripts/postman.mjs --check             exit 1 when the committed files are stale
//   node scripts/postman.mjs --openapi FILE ...  from another document (the staleness test uses it)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { root } from './ensure-deps.mjs';

const require = createRequire(import.meta.url);

const OUT_DIR = join(root, 'docs', 'postman');
const COLLECTION = join(OUT_DIR, 'prd-forge.postman_collection.json');
const ENVIRONMENT = join(OUT_DIR, 'prd-forge.postman_environment.json');

/** Environment variables: what a run starts from, and what the scripts below fill in. */
const VARIABLES = {
  baseUrl: 'http://localhost:8000',
  email: 'postman@example.com',
  password: 'Postman-Passw0rd',
  access_token: '',
  refresh_token: '',
  user_id: '',
  project_id: '',
  session_id: '',
  task_id: '',
  webhook_id: '',
  delivery_id: '',
  chat_id: '',
};
const SECRET_VARIABLES = new Set(['password', 'access_token', 'refresh_token']);

/** Response fields each request stores, by method and path (as the converter writes it). */
const STORES = {
  'POST /api/v1/auth/register': { user_id: 'body.user_id' },
  'POST /api/v1/auth/login': {
    access_token: 'body.access_token',
    refresh_token: 'body.refresh_token',
    user_id: 'body.user.id',
  },
  'POST /api/v1/auth/refresh': {
    access_token: 'body.access_token',
    refresh_token: 'body.refresh_token',
  },
  'POST /api/v1/projects': { project_id: 'body.project_id', session_id: 'body.session_id' },
  'POST /api/v1/projects/:project_id/sessions': { session_id: 'body.session_id' },
  'POST /api/v1/projects/:project_id/clarifications': {
    task_id: 'body.task_id',
    session_id: 'body.session_id',
  },
  'POST /api/v1/projects/:project_id/iterate': {
    task_id: 'body.task_id',
    session_id: 'body.session_id',
  },
  'POST /api/v1/webhooks': { webhook_id: 'body.id' },
  'GET /api/v1/webhooks/:webhook_id/deliveries': {
    delivery_id: "body.deliveries.length > 0 ? body.deliveries[0].id : ''",
  },
  'POST /api/v1/chats': { chat_id: 'body.chat_id' },
  'POST /api/v1/chats/:chat_id/convert-to-project': {
    project_id: 'body.project_id',
    session_id: 'body.session_id',
  },
};

/** JSON body fields that come from the environment; phone_number goes (one sign-in identifier). */
const BODY_VARIABLES = ['email', 'password', 'refresh_token', 'session_id'];
const PATH_VARIABLES = ['project_id', 'task_id', 'user_id', 'webhook_id', 'delivery_id', 'chat_id'];

// The converter's default module reads the request/example resolution options (its newer
// `parametersResolution` is ignored there): take the document's examples, not `<string>`.
const CONVERT_OPTIONS = {
  folderStrategy: 'Tags',
  requestParametersResolution: 'Example',
  exampleParametersResolution: 'Example',
  requestNameSource: 'Fallback',
  indentCharacter: 'Space',
};

/**
 * Values the document gives no example for (headers, some booleans) are faked with Math.random,
 * which the converter's faker captures when it loads: a seeded generator (mulberry32) installed
 * before the converter is required makes them the same on every run. One conversion a process.
 */
function seededRandom(seed) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function convert(openapi) {
  Math.random = seededRandom(2024);
  const Converter = require('openapi-to-postmanv2');
  return new Promise((resolve, reject) => {
    Converter.convert({ type: 'string', data: openapi }, CONVERT_OPTIONS, (error, result) => {
      if (error) reject(error);
      else if (!result.result) reject(new Error(`openapi-to-postmanv2: ${result.reason}`));
      else resolve(result.output[0].data);
    });
  });
}

/** A UUID-shaped id from a stable key, so regenerating from the same document changes nothing. */
function stableId(key) {
  const hex = createHash('sha256').update(`prd-forge:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function requestKey(request) {
  return `${request.method} /${request.url.path.join('/')}`;
}

function storeScript(stores) {
  return [
    'if (pm.response.code >= 200 && pm.response.code < 300) {',
    '    const body = pm.response.json();',
    ...Object.entries(stores).map(
      ([variable, expression]) => `    pm.environment.set('${variable}', ${expression});`,
    ),
    '}',
  ];
}

/** Multipart: `files` become file fields to pick, optional fields start disabled. */
function rewriteForm(request) {
  request.body.formdata = request.body.formdata.map((field) => {
    const description = field.description?.content ?? field.description ?? '';
    const optional = !String(description).includes('(Required)');
    if (field.key === 'files') {
      return {
        key: 'files',
        type: 'file',
        src: [],
        description: field.description,
        disabled: optional,
      };
    }
    return optional ? { ...field, disabled: true } : field;
  });
}

function rewriteBody(request) {
  if (request.body?.mode === 'formdata') return rewriteForm(request);
  if (request.body?.mode !== 'raw' || request.body.options?.raw?.language !== 'json') return;
  const body = JSON.parse(request.body.raw);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return;
  for (const field of BODY_VARIABLES) if (field in body) body[field] = `{{${field}}}`;
  if ('email' in body) delete body.phone_number;
  request.body.raw = JSON.stringify(body, null, 2);
}

function rewriteRequest(item) {
  const { request } = item;
  for (const variable of request.url.variable ?? []) {
    if (PATH_VARIABLES.includes(variable.key)) variable.value = `{{${variable.key}}}`;
  }
  rewriteBody(request);
  for (const response of item.response ?? []) rewriteBody(response.originalRequest);
  const stores = STORES[requestKey(request)];
  if (stores)
    item.event = [
      { listen: 'test', script: { type: 'text/javascript', exec: storeScript(stores) } },
    ];
}

/** Depth-first: every folder, request and example response gets an id from its place. */
function walk(items, path, visit) {
  items.forEach((item, index) => {
    const here = `${path}/${item.request ? requestKey(item.request) : item.name}#${index}`;
    visit(item, here);
    if (item.item) walk(item.item, here, visit);
  });
}

async function build(openapiText) {
  const collection = await convert(openapiText);
  collection.info._postman_id = stableId('collection');
  collection.variable = [{ key: 'baseUrl', value: VARIABLES.baseUrl, type: 'string' }];
  walk(collection.item, '', (item, path) => {
    item.id = stableId(path);
    if (!item.request) return;
    rewriteRequest(item);
    (item.response ?? []).forEach((response, index) => {
      response.id = stableId(`${path}/response#${index}`);
    });
  });
  // The converter names the bearer variable itself; ours is the one the sign-in script fills.
  const collectionJson = JSON.stringify(collection, null, 2).replaceAll(
    '{{bearerToken}}',
    '{{access_token}}',
  );
  const environment = {
    id: stableId('environment'),
    name: 'PRD Forge (local)',
    values: Object.entries(VARIABLES).map(([key, value]) => ({
      key,
      value,
      type: SECRET_VARIABLES.has(key) ? 'secret' : 'default',
      enabled: true,
    })),
    _postman_variable_scope: 'environment',
  };
  return {
    [COLLECTION]: `${collectionJson}\n`,
    [ENVIRONMENT]: `${JSON.stringify(environment, null, 2)}\n`,
  };
}

const { values: args } = parseArgs({
  options: { check: { type: 'boolean', default: false }, openapi: { type: 'string' } },
});
const files = await build(readFileSync(args.openapi ?? join(root, 'openapi.json'), 'utf8'));
if (args.check) {
  const stale = Object.entries(files)
    .filter(([file, text]) => !existsSync(file) || readFileSync(file, 'utf8') !== text)
    .map(([file]) => file.slice(root.length));
  if (stale.length > 0) {
    console.error(`Stale versus openapi.json: ${stale.join(', ')}. Run \`npm run postman\`.`);
    process.exit(1);
  }
  console.log('docs/postman is up to date with openapi.json');
} else {
  mkdirSync(OUT_DIR, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(file, text);
  console.log(
    `Wrote ${Object.keys(files)
      .map((file) => file.slice(root.length))
      .join(', ')}`,
  );
}
