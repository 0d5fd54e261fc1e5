// The benchmark's baseline: the same read as GET /api/v1/schools (a page of schools the caller may
// see, with campuses and active alliances), answered by one Fastify handler with `pg` in one process,
// no NATS hop. It verifies the same bearer token with the kit's CallerTokens (cached, as the services
// do) and runs the same SQL the membership service runs for that page.
//   DATABASE_URL=... PORT=0 node tools/bench/direct-server.mjs   → prints {"ready":true,"port":N}
import Fastify from 'fastify';
import pg from 'pg';
import { AccessScope, CallerTokens, loadKitConfig } from '@jiaolian/service-kit';

const config = loadKitConfig();
const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.dbPoolSize, options: '-c search_path=membership' });
const tokens = new CallerTokens(config.jwtSecret);
const app = Fastify({ logger: false });

const problem = (reply, status, title) => reply.code(status).type('application/problem+json').send({ type: 'about:blank', title, status });

const view = (s, campuses, alliances) => ({
  id: s.id, districtId: s.district_id, code: s.code, name: s.name, stage: s.stage, locale: s.locale, township: s.township,
  address: s.address, location: s.lat === null || s.lng === null ? null : { lat: s.lat, lng: s.lng },
  studentCount: s.student_count, teacherCount: s.teacher_count, classCount: s.class_count,
  campuses: campuses.map((c) => ({ id: c.id, name: c.name, address: c.address })), alliances,
  createdAt: s.created_at.toISOString(), updatedAt: s.updated_at.toISOString(),
});

app.get('/api/v1/schools', async (request, reply) => {
  const header = request.headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) return problem(reply, 401, 'Unauthorized');
  let caller;
  try { caller = await tokens.verify(header.slice(7)); } catch { return problem(reply, 401, 'Unauthorized'); }
  const scope = new AccessScope({ ...caller, requestId: '' });
  const page = Math.max(1, Number(request.query.page ?? 1) | 0);
  const pageSize = Math.min(200, Math.max(1, Number(request.query.pageSize ?? 20) | 0));
  const where = scope.isPlatformAdmin ? '' : 'WHERE s.district_id = ANY($1::uuid[])';
  const params = scope.isPlatformAdmin ? [] : [scope.districtIds()];
  // The same single statement the service's list runs: page, window count, campuses and alliances.
  const { rows } = await pool.query(
    `SELECT s.id, s.district_id, s.code, s.name, s.stage, s.locale, s.township, s.address, s.lat, s.lng,
            s.student_count, s.teacher_count, s.class_count, s.created_at, s.updated_at,
            count(*) OVER () AS total,
            COALESCE((SELECT json_agg(json_build_object('id', c.id, 'name', c.name, 'address', c.address) ORDER BY c.created_at)
                        FROM campus c WHERE c.school_id = s.id), '[]') AS campuses,
            COALESCE((SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'role', m.role) ORDER BY a.name)
                        FROM alliance_member m JOIN alliance a ON a.id = m.alliance_id
                       WHERE m.school_id = s.id AND m.left_at IS NULL AND a.status = 'active'), '[]') AS alliances
       FROM school s ${where}
      ORDER BY s.code ASC, s.id
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    params,
  );
  return {
    items: rows.map((s) => view(s, s.campuses, s.alliances)),
    total: rows.length ? Number(rows[0].total) : 0,
    page,
    pageSize,
  };
});

const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log(JSON.stringify({ ready: true, port: Number(new URL(address).port) }));
const stop = async () => { await app.close(); await pool.end(); process.exit(0); };
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
