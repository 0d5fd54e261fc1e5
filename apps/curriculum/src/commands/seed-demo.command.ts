import { PLATFORM_DISTRICT, RESOURCE_FILE_EXTENSIONS, type Caller, type ResourceType } from '@jiaolian/contracts';
import { AccessScope, type FileStore } from '@jiaolian/service-kit';
import type { INestApplicationContext } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { BookingsService } from '../facilities/bookings.service.js';
import { FacilitiesService } from '../facilities/facilities.service.js';
import { RESOURCE_FILE_STORE, ResourcesService } from '../resources/resources.service.js';
import { DEMO_ALLIANCES, DEMO_BOOKINGS, DEMO_FACILITIES, DEMO_RESOURCES } from './demo-data.js';

const WAIT_MS = 60_000;
const DAY = 86_400_000;

const systemCaller = (): Caller => ({
  kind: 'system', id: 'curriculum:seed-demo', displayName: 'seed-demo', assignments: [{ role: 'platform_admin', districtId: PLATFORM_DISTRICT }], requestId: randomUUID(),
});

const REVISED_DEMO_RESOURCE = '稻田里的科学：水稻的一生';

/** A teacher of a demo school, so shared resources show a plausible uploader. */
const teacherCaller = (name: string, districtId: string, schoolId: string): Caller => ({
  kind: 'user', id: `demo:${createHash('sha1').update(name).digest('hex').slice(0, 12)}`, displayName: name,
  assignments: [{ role: 'teacher', districtId, schoolId }], requestId: randomUUID(),
});

/**
 * `node apps/curriculum/dist/main.js seed-demo`, after membership's seed-demo: waits until this
 * service's directory holds the demo alliances, then shares ~20 resources, registers facilities at
 * the core schools and books them in every state, through the domain services. Runs once.
 */
export async function seedDemoCommand(app: INestApplicationContext): Promise<void> {
  const dataSource = app.get(DataSource);
  const schools = await waitForDirectory(dataSource);
  if (!schools) {
    process.stdout.write(`curriculum seed-demo: the directory did not receive the demo alliances within ${WAIT_MS / 1000} s; run membership's seed-demo first.\n`);
    process.exitCode = 1;
    return;
  }
  const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM resource WHERE school_id = ANY($1::uuid[])', [[...schools.values()].map((s) => s.id)]);
  if (n > 0) {
    process.stdout.write('curriculum seed-demo: demo resources exist already; nothing seeded.\n');
    return;
  }
  const id = (name: string): { id: string; districtId: string } => {
    const school = schools.get(name);
    if (!school) throw new Error(`demo school ${name} is not in the directory`);
    return school;
  };
  const resources = app.get(ResourcesService);
  const files = app.get<FileStore>(RESOURCE_FILE_STORE);
  for (const demo of DEMO_RESOURCES) {
    const school = id(demo.school);
    const scope = new AccessScope(teacherCaller(demo.teacher, school.districtId, school.id));
    const extension = demoExtension(demo.type);
    const body = demoFile(demo.title, demo.description, extension);
    const file = await files.put(Readable.from([body]), {
      key: `curriculum/resources/${randomUUID()}`, filename: `${demo.title}${extension}`, contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream', maxBytes: 1024 * 1024,
    });
    const created = await resources.create(scope, {
      type: demo.type, schoolId: school.id, title: demo.title, description: demo.description, subject: demo.subject, grade: demo.grade,
      edition: demo.edition, unit: demo.unit, tags: demo.tags, licence: demo.licence, visibility: demo.visibility, file,
    });
    await dataSource.query('UPDATE resource SET download_count = $2 WHERE id = $1', [created.id, demo.downloads]);
    if (demo.title === REVISED_DEMO_RESOURCE) {
      // one lesson plan has been revised once, so the demo shows a version history
      const revised = await files.put(Readable.from([demoFile(demo.title, `${demo.description}（修订版：补充课堂练习与评价量表）`, extension)]), {
        key: `curriculum/resources/${randomUUID()}`, filename: `${demo.title}（修订版）${extension}`, contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream', maxBytes: 1024 * 1024,
      });
      await resources.addVersion(scope, { id: created.id, note: '补充了课堂练习与评价量表', file: revised });
    }
  }

  const system = new AccessScope(systemCaller());
  const facilities = app.get(FacilitiesService);
  const facilityIds = new Map<string, string>();
  for (const demo of DEMO_FACILITIES) {
    const facility = await facilities.create(system, {
      schoolId: id(demo.school).id, kind: demo.kind, name: demo.name, capacity: demo.capacity, openHours: demo.openHours, location: demo.location, description: demo.description,
    });
    facilityIds.set(demo.name, facility.id);
  }

  const bookings = app.get(BookingsService);
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  for (const demo of DEMO_BOOKINGS) {
    const startsAt = new Date(today.getTime() + demo.day * DAY + (demo.hour - 8) * 3600_000);
    const endsAt = new Date(startsAt.getTime() + demo.hours * 3600_000);
    const requester = id(demo.requester);
    const scope = new AccessScope(teacherCaller(`${demo.requester}教务处`, requester.districtId, requester.id));
    // past bookings are written as they were requested then: a week before their day
    const requestedAt = new Date(Math.min(Date.now(), startsAt.getTime() - 7 * DAY));
    const booking = await bookings.create(scope, {
      facilityId: facilityIds.get(demo.facility) as string, schoolId: requester.id, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(),
      purpose: demo.purpose, attendees: demo.attendees,
    }, requestedAt);
    if (demo.outcome === 'approved') await bookings.approve(system, booking.id);
    if (demo.outcome === 'rejected') await bookings.reject(system, booking.id, demo.reason ?? '');
    if (demo.outcome === 'cancelled') await bookings.cancel(scope, booking.id, demo.reason, requestedAt);
  }
  process.stdout.write(`curriculum seed-demo: ${DEMO_RESOURCES.length} resources, ${DEMO_FACILITIES.length} facilities, ${DEMO_BOOKINGS.length} bookings.\n`);
}

/** The demo schools by name, once the directory holds every demo alliance as active; null after WAIT_MS. */
async function waitForDirectory(dataSource: DataSource): Promise<Map<string, { id: string; districtId: string }> | null> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const [{ n }] = await dataSource.query("SELECT count(*)::int AS n FROM directory_alliance WHERE name = ANY($1::text[]) AND status = 'active'", [[...DEMO_ALLIANCES]]);
    if (n === DEMO_ALLIANCES.length) {
      const rows: { id: string; district_id: string; name: string }[] = await dataSource.query(
        `SELECT DISTINCT s.id, s.district_id, s.name FROM directory_school s
           JOIN directory_member m ON m.school_id = s.id AND m.active
           JOIN directory_alliance a ON a.id = m.alliance_id AND a.name = ANY($1::text[])`,
        [[...DEMO_ALLIANCES]],
      );
      const needed = new Set([...DEMO_RESOURCES.map((r) => r.school), ...DEMO_FACILITIES.map((f) => f.school), ...DEMO_BOOKINGS.map((b) => b.requester)]);
      const names = new Map(rows.map((r) => [r.name, { id: r.id, districtId: r.district_id }]));
      if ([...needed].every((name) => names.has(name))) return names;
    }
    if (Date.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

const CONTENT_TYPES: Record<string, string> = { '.md': 'text/markdown; charset=utf-8', '.pdf': 'application/pdf', '.mp4': 'video/mp4' };

const demoExtension = (type: ResourceType): string => {
  const preferred = ['.md', '.pdf', '.mp4'].find((e) => RESOURCE_FILE_EXTENSIONS[type].includes(e));
  return preferred ?? (RESOURCE_FILE_EXTENSIONS[type][0] as string);
};

/** A small generated file: markdown for documents, a one-page PDF for slides and papers, a placeholder for videos. */
function demoFile(title: string, description: string, extension: string): Buffer {
  if (extension === '.md') return Buffer.from(`# ${title}\n\n${description}\n\n（教联平台演示资源，内容为示例。）\n`);
  if (extension === '.pdf') return minimalPdf('Jiaolian demo resource');
  return Buffer.from(`Jiaolian demo video placeholder: ${title}\n`);
}

function minimalPdf(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length + 34} >>\nstream\nBT /F1 24 Tf 72 760 Td (${text}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => { offsets.push(pdf.length); pdf += `${i + 1} 0 obj\n${body}\nendobj\n`; });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
