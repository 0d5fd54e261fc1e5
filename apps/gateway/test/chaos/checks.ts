import { EVENTS_STREAM, MembershipEvents, TeacherExchangeEvents, type DomainEvent } from '@jiaolian/contracts';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type pg from 'pg';
import type { WriteKind } from './load.js';

/*
 * What the chaos test asks the database and the event stream after each kill. Reading the services'
 * schemas directly is this test's privilege: it checks what no API shows (outboxes, inboxes, the
 * directory copies) and what the API would hide (a second row for one key).
 */
export const SCHEMAS = { membership: 'membership', 'teacher-exchange': 'teacher_exchange', curriculum: 'curriculum', activities: 'activities', assessment: 'assessment' } as const;
/** the services that keep a copy of membership's directory, each through its own durable consumer */
export const DIRECTORY_SERVICES = ['teacher-exchange', 'curriculum', 'activities', 'assessment'] as const;
const consumerOf = (service: string): string => `${service}-directory`;

/** For each key of a kind: how many rows hold it and how many events announce it. */
export async function presence(db: pg.Client, kind: WriteKind, keys: string[]): Promise<Map<string, { rows: number; events: number }>> {
  const sql: Record<WriteKind, string> = {
    school: `SELECT k AS key,
                    (SELECT count(*) FROM membership.school s WHERE s.code = k)::int AS rows,
                    (SELECT count(*) FROM membership.outbox_event o WHERE o.subject = $2 AND o.envelope->'data'->>'code' = k)::int AS events
               FROM unnest($1::text[]) AS k`,
    // a rename leaves its audit row; the name is unique to one write
    rename: `SELECT k AS key,
                    (SELECT count(*) FROM membership.audit_log a WHERE a.action = 'school.updated' AND a.after->>'name' = k)::int AS rows,
                    (SELECT count(*) FROM membership.outbox_event o WHERE o.subject = $2 AND o.envelope->'data'->>'name' = k)::int AS events
               FROM unnest($1::text[]) AS k`,
    teacher: `SELECT k AS key,
                     (SELECT count(*) FROM teacher_exchange.teacher t WHERE t.staff_no = k)::int AS rows,
                     (SELECT count(*) FROM teacher_exchange.outbox_event o WHERE o.subject = $2 AND o.envelope->'data'->>'staffNo' = k)::int AS events
                FROM unnest($1::text[]) AS k`,
  };
  const subject: Record<WriteKind, string> = {
    school: MembershipEvents.schoolRegistered, rename: MembershipEvents.schoolRenamed, teacher: TeacherExchangeEvents.teacherCreated,
  };
  const { rows } = await db.query<{ key: string; rows: number; events: number }>(sql[kind], [keys, subject[kind]]);
  return new Map(rows.map((r) => [r.key, { rows: r.rows, events: r.events }]));
}

/** Outbox rows not yet published, per schema (only those with any). */
export async function unpublished(db: pg.Client): Promise<Record<string, number>> {
  const pending: Record<string, number> = {};
  for (const schema of Object.values(SCHEMAS)) {
    const { rows: [row] } = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${schema}.outbox_event WHERE published_at IS NULL`);
    if (row && row.count > 0) pending[schema] = row.count;
  }
  return pending;
}

/** Per directory consumer: membership events (committed and published) it has not applied. */
export async function unapplied(db: pg.Client): Promise<Record<string, number>> {
  const missing: Record<string, number> = {};
  for (const service of DIRECTORY_SERVICES) {
    const { rows: [row] } = await db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM membership.outbox_event o
        WHERE NOT EXISTS (SELECT 1 FROM ${SCHEMAS[service]}.inbox_event i WHERE i.consumer = $1 AND i.event_id = o.id)`,
      [consumerOf(service)],
    );
    if (row && row.count > 0) missing[service] = row.count;
  }
  return missing;
}

/** Schools whose name in a service's directory differs from membership's (or is missing there). */
export async function projectionMismatches(db: pg.Client): Promise<string[]> {
  const found: string[] = [];
  for (const service of DIRECTORY_SERVICES) {
    const { rows } = await db.query<{ id: string; source: string; copy: string | null }>(
      `SELECT s.id, s.name AS source, d.name AS copy FROM membership.school s
         LEFT JOIN ${SCHEMAS[service]}.directory_school d ON d.id = s.id
        WHERE d.name IS DISTINCT FROM s.name`,
    );
    for (const row of rows) found.push(`${service}: school ${row.id} is "${row.copy ?? '(missing)'}", membership says "${row.source}"`);
  }
  return found;
}

/**
 * Commit → consumer delays (ms) of membership events written between `from` and `to`: from the
 * writing transaction (the outbox row's created_at) to the transaction that applied it, per consumer.
 */
export async function consumerDelays(db: pg.Client, from: Date, to: Date): Promise<number[]> {
  const parts = DIRECTORY_SERVICES.map((service) =>
    `SELECT extract(epoch FROM i.processed_at - o.created_at) * 1000 AS ms FROM membership.outbox_event o
       JOIN ${SCHEMAS[service]}.inbox_event i ON i.event_id = o.id AND i.consumer = '${consumerOf(service)}'
      WHERE o.created_at >= $1 AND o.created_at < $2`);
  const { rows } = await db.query<{ ms: number }>(parts.join(' UNION ALL '), [from, to]);
  return rows.map((r) => Number(r.ms));
}

export interface StreamAudit {
  messages: number;
  /** event ids the stream holds more than once */
  duplicated: string[];
  /** events in the stream that no committed outbox row has: announced, but the write does not exist */
  phantom: string[];
  /** outbox rows marked published that the stream does not hold */
  unstreamed: string[];
}

/** Reads the whole events stream and compares it with every service's outbox. */
export async function auditStream(natsUrl: string, db: pg.Client): Promise<StreamAudit> {
  const nc = await connect({ servers: natsUrl });
  const seen = new Map<string, number>();
  let messages = 0;
  try {
    const js = jetstream(nc);
    const consumer = await js.consumers.get(EVENTS_STREAM);
    const iterator = await consumer.consume();
    for await (const msg of iterator) {
      messages += 1;
      const id = msg.json<DomainEvent>().id;
      seen.set(id, (seen.get(id) ?? 0) + 1);
      if (msg.info.pending === 0) break;
    }
  } finally {
    await nc.close();
  }
  const union = Object.values(SCHEMAS).map((schema) => `SELECT id::text, published_at IS NOT NULL AS published FROM ${schema}.outbox_event`).join(' UNION ALL ');
  const { rows } = await db.query<{ id: string; published: boolean }>(union);
  const committed = new Set(rows.map((r) => r.id));
  return {
    messages,
    duplicated: [...seen].filter(([, n]) => n > 1).map(([id]) => id),
    phantom: [...seen.keys()].filter((id) => !committed.has(id)),
    unstreamed: rows.filter((r) => r.published && !seen.has(r.id)).map((r) => r.id),
  };
}
