import { startStack, type RunningStack } from '@jiaolian/testing';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { generate, writeRoutes, type FuzzRequest, type FuzzWorld, type OpenApiDocument, type WriteRoute } from './fuzz/generate.js';
import { apiClient, type Api } from './http.js';

/*
 * Every write route of the gateway's own OpenAPI document, sent malformed requests derived from its
 * schema as the demo's platform admin (whom every role check lets through, so validation is what
 * answers). Each must answer 4xx application/problem+json and leave every table of every service as it
 * was. No table is excluded from the comparison: a refused request has nothing to record (the login
 * route keeps no attempts table; rate limits are off and live in memory). The file store is not compared.
 */
const SERVICES = ['membership', 'teacher-exchange', 'curriculum', 'activities', 'assessment', 'integrations'] as const;
/** the services with demo data to seed (integrations keeps what the others' events and its own routes give it) */
const SEEDED = ['membership', 'teacher-exchange', 'curriculum', 'activities', 'assessment'] as const;
const DEMO_PASSWORD = 'Jiaolian@2026';
const CONCURRENCY = 8;
const MIN_REQUESTS_PER_ROUTE = 30;
const PROBLEM = /^application\/problem\+json/;

/** what this file uses of a stack, so an already running one can stand in */
type FuzzStack = Pick<RunningStack, 'gatewayUrl' | 'databaseUrl' | 'stop'>;
let stack: FuzzStack;
let api: Api;
let token: string;
let db: pg.Client;
let openExamId: string;

/** The demo's exam is published; score imports need an open one, or the bad workbooks would never be read. */
async function openExam(): Promise<string> {
  const [published] = (await api('GET', '/api/v1/assessment/exams?pageSize=1', { token })).body.items as { id: string }[];
  const exam = (await api('GET', `/api/v1/assessment/exams/${published?.id}`, { token })).body;
  const created = await api('POST', '/api/v1/assessment/exams', {
    token,
    body: {
      allianceId: exam.allianceId, term: exam.term, grade: exam.grade, name: '模糊测试检测',
      subjects: [{ name: '数学', fullMarks: 100 }], schools: [{ schoolId: exam.schools[0].schoolId }],
    },
  });
  expect(created.status).toBe(201);
  expect((await api('POST', `/api/v1/assessment/exams/${created.body.id}/transitions`, { token, body: { action: 'open' } })).status).toBe(200);
  return created.body.id as string;
}

/** JIAOLIAN_FUZZ_STACK='{"gatewayUrl":…,"databaseUrl":…}' runs against a stack already up and seeded with the demo (rate limits off). */
async function demoStack(): Promise<FuzzStack> {
  const running = process.env['JIAOLIAN_FUZZ_STACK'];
  if (running) return { ...(JSON.parse(running) as Pick<RunningStack, 'gatewayUrl' | 'databaseUrl'>), stop: async () => undefined };
  const started = await startStack({ services: [...SERVICES], env: { RATE_LIMIT_DISABLED: 'true' } });
  for (const service of SEEDED) await started.run('seed-demo', service);
  return started;
}

beforeAll(async () => {
  stack = await demoStack();
  api = apiClient(stack.gatewayUrl);
  const login = await api('POST', '/api/v1/auth/login', { body: { username: 'admin', password: DEMO_PASSWORD } });
  expect(login.status).toBe(200);
  token = login.body.accessToken as string;
  openExamId = await openExam();
  db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
}, 300_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

/** Per table of every schema: its row count and an md5 of its rows as text, in order. */
async function fingerprint(): Promise<Map<string, string>> {
  const tables = await db.query<{ name: string }>(
    `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
  );
  const out = new Map<string, string>();
  for (const { name } of tables.rows) {
    const { rows } = await db.query<{ n: number; h: string }>(`SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS h FROM ${name} t`);
    out.set(name, `${rows[0]?.n} rows, ${rows[0]?.h}`);
  }
  return out;
}

/** Waits until the services have consumed the seed's events and published their outboxes: two equal fingerprints. */
async function settledFingerprint(): Promise<Map<string, string>> {
  let previous = await fingerprint();
  for (let attempt = 0; attempt < 30; attempt += 1) {
    await new Promise((r) => setTimeout(r, 500));
    const next = await fingerprint();
    if ([...next].every(([table, print]) => previous.get(table) === print) && next.size === previous.size) return next;
    previous = next;
  }
  throw new Error('The database never settled after seeding');
}

const ID_SOURCES: [RegExp, string][] = [
  [/^(school|coreSchool|organiserSchool|homeSchool|hostSchool|ownerSchool)Id$/, '/api/v1/schools'],
  [/^allianceId$/, '/api/v1/alliances'],
  [/^districtId$/, '/api/v1/districts'],
  [/^teacherId$/, '/api/v1/teacher-exchange/teachers'],
  [/^placementId$/, '/api/v1/teacher-exchange/placements'],
  [/^facilityId$/, '/api/v1/curriculum/facilities'],
  [/^userId$/, '/api/v1/users'],
];

/** Real ids from the demo, so that a malformed body is checked on an object that exists. */
async function discoverWorld(routes: WriteRoute[]): Promise<FuzzWorld> {
  const firstId = async (collection: string): Promise<string | undefined> => {
    const answer = await api('GET', `${collection}?pageSize=1`, { token });
    return answer.status === 200 ? (answer.body?.items?.[0]?.id as string | undefined) : undefined;
  };
  const byCollection = new Map<string, string | undefined>();
  const collectionOf = (route: WriteRoute): string => route.template.slice(0, route.template.indexOf('/{'));
  for (const route of routes) {
    if (route.body === 'none' || route.pathParams.length === 0) continue;
    const collection = collectionOf(route);
    if (!byCollection.has(collection)) byCollection.set(collection, await firstId(collection));
  }
  const byProperty = new Map<string, string | undefined>();
  for (const [, collection] of ID_SOURCES) if (!byCollection.has(collection)) byCollection.set(collection, await firstId(collection));
  byCollection.set('/api/v1/assessment/exams', openExamId);
  return {
    pathId: (route) => (route.pathParams.length ? byCollection.get(collectionOf(route)) : undefined),
    propertyId: (property) => {
      if (!byProperty.has(property)) {
        const source = ID_SOURCES.find(([pattern]) => pattern.test(property));
        byProperty.set(property, source ? byCollection.get(source[1]) : undefined);
      }
      return byProperty.get(property);
    },
  };
}

/** Workbooks an import must refuse: not a zip, empty, with a DOCTYPE (entity expansion), and 50 MB of noise. */
async function badSpreadsheets(): Promise<{ fault: string; filename: string; content: Uint8Array }[]> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Sheet1').addRow(['学号', '姓名']);
  const zip = await JSZip.loadAsync(Buffer.from(await workbook.xlsx.writeBuffer()));
  const sheet = 'xl/worksheets/sheet1.xml';
  const xml = await zip.file(sheet)?.async('string') ?? '';
  const doctype = '<!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>';
  zip.file(sheet, xml.replace(/^(<\?xml[^>]*\?>)/, `$1${doctype}`).replace('<c ', '<c><is><t>&c;</t></is></c><c '));
  return [
    { fault: 'an .xlsx of random bytes', filename: 'scores.xlsx', content: randomBytes(64 * 1024) },
    { fault: 'an empty .xlsx (no bytes)', filename: 'scores.xlsx', content: new Uint8Array(0) },
    { fault: 'an .xlsx whose sheet has a DOCTYPE', filename: 'scores.xlsx', content: await zip.generateAsync({ type: 'uint8array' }) },
    { fault: 'an .xlsx of 50 MB of noise', filename: 'scores.xlsx', content: randomBytes(50 * 1024 * 1024) },
  ];
}

interface Outcome { request: FuzzRequest; status: number; contentType: string; problemStatus?: unknown; english?: string; error?: string }

/** Two English words in a row: a sentence a zh-CN caller should not get (field names, units and lists of codes are not). */
const ENGLISH_SENTENCE = /[A-Za-z]{3,} +[A-Za-z]{3,}/;

/** The first English sentence in a problem's title, detail or field messages, if any. */
function englishIn(problem: { title?: unknown; detail?: unknown; errors?: { message?: unknown }[] }): string | undefined {
  const texts = [problem.title, problem.detail, ...(Array.isArray(problem.errors) ? problem.errors.map((e) => e.message) : [])];
  return texts.find((t): t is string => typeof t === 'string' && ENGLISH_SENTENCE.test(t));
}

async function send(request: FuzzRequest): Promise<Outcome> {
  try {
    const response = await fetch(`${stack.gatewayUrl}${request.path}`, {
      method: request.method,
      headers: { ...request.headers, authorization: `Bearer ${token}` },
      body: request.body as BodyInit | undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let problemStatus: unknown;
    let english: string | undefined;
    try {
      const problem = JSON.parse(text) as { status?: unknown; title?: unknown; detail?: unknown; errors?: { message?: unknown }[] };
      problemStatus = problem.status;
      english = englishIn(problem);
    } catch { /* not JSON: reported below */ }
    return { request, status: response.status, contentType: response.headers.get('content-type') ?? '', problemStatus, english };
  } catch (error) {
    return { request, status: 0, contentType: '', error: (error as Error).message };
  }
}

async function sendAll(requests: FuzzRequest[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < requests.length) {
      const request = requests[next++] as FuzzRequest;
      outcomes.push(await send(request));
    }
  }));
  return outcomes;
}

const describeOutcome = (o: Outcome): string =>
  `${o.request.route} [${o.request.fault}] ${o.request.method} ${o.request.path.slice(0, 120)} → ${o.status} ${o.contentType}${o.error ? ` ${o.error}` : ''}`;

describe('fuzzing every write route from the OpenAPI document', () => {
  it('answers every malformed request with 4xx problem+json and changes no table', async () => {
    const started = Date.now();
    const document = (await api<OpenApiDocument>('GET', '/api/openapi.json')).body;
    const routes = writeRoutes(document);
    const world = await discoverWorld(routes);
    const spreadsheets = await badSpreadsheets();
    const requests = routes.flatMap((route) => generate(document, route, world, { badSpreadsheets: spreadsheets }));

    const before = await settledFingerprint();
    const outcomes = await sendAll(requests);
    const after = await fingerprint();

    const histogram = new Map<number, number>();
    for (const o of outcomes) histogram.set(o.status, (histogram.get(o.status) ?? 0) + 1);
    const perRoute = new Map<string, number>();
    for (const r of requests) perRoute.set(r.route, (perRoute.get(r.route) ?? 0) + 1);
    process.stdout.write(`fuzz: ${routes.length} write routes, ${requests.length} requests in ${((Date.now() - started) / 1000).toFixed(1)} s; `
      + `status ${[...histogram].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(', ')}; `
      + `fewest per route ${Math.min(...perRoute.values())}\n`);

    expect(routes.length).toBeGreaterThanOrEqual(50);
    expect([...perRoute].filter(([, n]) => n < MIN_REQUESTS_PER_ROUTE)).toEqual([]);
    const wrong = outcomes.filter((o) => o.status < 400 || o.status >= 500 || !PROBLEM.test(o.contentType) || o.problemStatus !== o.status);
    expect(wrong.map(describeOutcome).sort()).toEqual([]);
    // no language preference (as most third parties send) is zh-CN: not one English sentence in any answer
    expect(outcomes.filter((o) => o.english).map((o) => `${describeOutcome(o)}: ${o.english}`).sort()).toEqual([]);
    const changed = [...after].filter(([table, print]) => before.get(table) !== print).map(([table, print]) => `${table}: ${before.get(table)} → ${print}`);
    expect(changed).toEqual([]);
  }, 300_000);
});
