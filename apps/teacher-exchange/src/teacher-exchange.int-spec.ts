import { TeacherExchangeEvents as E, TeacherExchangeSubjects as S, type Page, type PlacementView, type QuotaProgressView, type TeacherImportReport, type TeacherView } from '@jiaolian/contracts';
import ExcelJS from 'exceljs';
import { clockCaller } from './placements/placement-clock.js';
import { PlacementsService } from './placements/placements.service.js';
import { randomUUID } from 'node:crypto';
import { startHarness, type Harness, type World } from './test-support/harness.js';

type Call = <T>(subject: string, data: unknown) => Promise<T>;

const teacher = (schoolId: string, staffNo: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  schoolId, staffNo, name: `教师${staffNo}`, gender: 'female', subjects: ['chinese'], title: 'first', rank: 'none', middleManager: false, ...extra,
});

describe('teacher-exchange (service over NATS and PostgreSQL)', () => {
  let h: Harness;
  let w: World;
  let other: World;
  let district: Call;
  let homeAdmin: Call;
  let hostAdmin: Call;
  let allianceAdmin: Call;
  let outsider: Call;
  const homeAdminId = randomUUID();

  const outboxCount = async (subject: string): Promise<number> =>
    Number((await h.db.query('SELECT count(*) FROM outbox_event WHERE subject = $1', [subject])).rows[0].count);

  beforeAll(async () => {
    h = await startHarness('teacher_exchange_domain_it');
    w = await h.district({
      schools: ['实验小学', '下湾村小', '枫岭村小', '城关中学', '二中'],
      alliances: [{ name: '实验小学教联体', core: '实验小学', members: ['下湾村小', '枫岭村小'] }, { name: '城关中学教育联盟', core: '城关中学', members: ['二中'] }],
    });
    other = await h.district({ schools: ['外县小学', '外县村小'], alliances: [{ name: '外县联盟', core: '外县小学', members: ['外县村小'] }] });
    district = await h.as([{ role: 'district_admin', districtId: w.districtId }]);
    homeAdmin = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: w.school['实验小学'] as string }], homeAdminId);
    hostAdmin = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: w.school['下湾村小'] as string }]);
    allianceAdmin = await h.as([{ role: 'alliance_admin', districtId: w.districtId, allianceId: w.alliance['实验小学教联体'] as string }]);
    outsider = await h.as([{ role: 'district_admin', districtId: other.districtId }]);
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  describe('teachers', () => {
    it('lets the school admin add a teacher to their school, audited and announced', async () => {
      const created = await homeAdmin<TeacherView>(S.teacherCreate, teacher(w.school['实验小学'] as string, 'A001', { name: '王丽', rank: 'backbone' }));
      expect(created).toMatchObject({ name: '王丽', schoolName: '实验小学', districtId: w.districtId, rank: 'backbone' });
      const audit = await h.db.query('SELECT action FROM audit_log WHERE entity_id = $1', [created.id]);
      expect(audit.rows).toEqual([{ action: 'teacher.created' }]);
      expect(await outboxCount(E.teacherCreated)).toBe(1);
    });

    it('refuses a second teacher with the same staff number at the school and writes nothing', async () => {
      await expect(homeAdmin(S.teacherCreate, teacher(w.school['实验小学'] as string, 'A001'))).rejects.toMatchObject({
        kind: 'conflict', code: 'exchange.teacher.staff-no-taken', params: { staffNo: 'A001' }, detail: 'Staff number A001 is already used at this school',
        errors: [expect.objectContaining({ field: 'staffNo', code: 'exchange.teacher.staff-no-in-use', message: 'staffNo is already used at this school' })],
      });
      expect(Number((await h.db.query('SELECT count(*) FROM teacher')).rows[0].count)).toBe(1);
      expect(await outboxCount(E.teacherCreated)).toBe(1);
    });

    it('forbids a school admin from adding teachers to another school of the district, and hides schools of other districts', async () => {
      await expect(hostAdmin(S.teacherCreate, teacher(w.school['实验小学'] as string, 'X1'))).rejects.toMatchObject({ kind: 'forbidden' });
      await expect(homeAdmin(S.teacherCreate, teacher(other.school['外县小学'] as string, 'X1'))).rejects.toMatchObject({ kind: 'not-found' });
    });

    it('shows teachers to their school, the alliance admin and the district, and to no one else', async () => {
      await district<TeacherView>(S.teacherCreate, teacher(w.school['下湾村小'] as string, 'B001', { name: '李明', subjects: ['math', 'science'] }));
      const names = async (call: Call, query: object = {}): Promise<string[]> => (await call<Page<TeacherView>>(S.teacherList, query)).items.map((t) => t.name).sort();
      expect(await names(district)).toEqual(['李明', '王丽']);
      expect(await names(homeAdmin)).toEqual(['王丽']);
      expect(await names(hostAdmin)).toEqual(['李明']);
      expect(await names(allianceAdmin)).toEqual(['李明', '王丽']);
      expect(await names(outsider)).toEqual([]);
      expect(await names(district, { subject: 'math' })).toEqual(['李明']);
      expect(await names(district, { q: 'B00' })).toEqual(['李明']);
      const [wang] = (await district<Page<TeacherView>>(S.teacherList, { q: '王丽' })).items;
      await expect(outsider(S.teacherGet, { id: wang?.id })).rejects.toMatchObject({ kind: 'not-found' });
      await expect(hostAdmin(S.teacherUpdate, { id: wang?.id, changes: { name: '王莉' } })).rejects.toMatchObject({ kind: 'not-found' });
    });

    it('lets the school admin change a teacher, keeping what was not sent, audited and announced', async () => {
      const [wang] = (await homeAdmin<Page<TeacherView>>(S.teacherList, { q: '王丽' })).items;
      const updated = await homeAdmin<TeacherView>(S.teacherUpdate, { id: wang?.id, changes: { name: '王莉', rank: 'subject_leader', middleManager: true } });
      expect(updated).toMatchObject({ id: wang?.id, name: '王莉', rank: 'subject_leader', middleManager: true, staffNo: 'A001', subjects: ['chinese'], schoolName: '实验小学' });
      expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(wang?.updatedAt ?? ''));
      expect(await homeAdmin<TeacherView>(S.teacherGet, { id: wang?.id })).toEqual(updated);
      const audit = await h.db.query(`SELECT before->>'name' AS before, after->>'name' AS after FROM audit_log WHERE entity_id = $1 AND action = 'teacher.updated'`, [wang?.id]);
      expect(audit.rows).toEqual([{ before: '王丽', after: '王莉' }]);
      expect(await outboxCount(E.teacherUpdated)).toBe(1);
      const restored = await homeAdmin<TeacherView>(S.teacherUpdate, { id: wang?.id, changes: { name: '王丽', rank: 'backbone', middleManager: false } });
      expect(restored).toMatchObject({ name: '王丽', rank: 'backbone', middleManager: false, subjects: ['chinese'] });
    });

    it('refuses null for a required field of a change, and changes nothing', async () => {
      const [wang] = (await homeAdmin<Page<TeacherView>>(S.teacherList, { q: '王丽' })).items;
      await expect(homeAdmin(S.teacherUpdate, { id: wang?.id, changes: { name: null } })).rejects.toMatchObject({ kind: 'validation-failed' });
      expect(await homeAdmin<TeacherView>(S.teacherGet, { id: wang?.id })).toEqual(wang);
    });
  });

  describe('import', () => {
    const csv = (rows: string[]): string => `\uFEFF工号,姓名,性别,任教学科,职称,骨干级别,是否中层\n${rows.join('\n')}\n`;
    const countAt = async (school: string): Promise<number> => Number((await h.db.query('SELECT count(*) FROM teacher WHERE school_id = $1', [school])).rows[0].count);

    it('reports every bad row with its number and imports nothing by default', async () => {
      const school = w.school['枫岭村小'] as string;
      const file = await h.upload('teachers.csv', csv(['F001,张三,男,语文,一级,无,否', 'F002,,女,数学,,,', 'F003,赵六,男,书法,特级,,也许', 'F001,重复,男,语文,,,']));
      const failure = homeAdmin(S.teacherImport, { schoolId: school, mode: 'all', file });
      await expect(failure).rejects.toMatchObject({ kind: 'forbidden' });
      const district2 = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: school }]);
      const answer = await district2(S.teacherImport, { schoolId: school, mode: 'all', file }).catch((e: unknown) => e);
      expect(answer).toMatchObject({
        kind: 'validation-failed', code: 'import.rows-rejected', params: { badRows: 3, rows: 4 }, detail: '3 of 4 rows have errors; nothing was imported',
      });
      const errors = (answer as { errors: { row: number; field: string }[] }).errors;
      expect(errors).toEqual(expect.arrayContaining([
        expect.objectContaining({ row: 3, field: '姓名', code: 'exchange.teacher-import.name-required', message: 'name is required' }),
        expect.objectContaining({ row: 4, field: '任教学科' }),
        expect.objectContaining({ row: 4, field: '职称' }),
        expect.objectContaining({ row: 4, field: '是否中层' }),
        expect.objectContaining({ row: 5, field: '工号' }),
      ]));
      expect(errors.some((e) => e.row === 2)).toBe(false);
      expect(await countAt(school)).toBe(0);
      expect(await outboxCount(E.teachersImported)).toBe(0);
    });

    it('imports the good rows in valid-only mode, and a second import of the same file updates without duplicates', async () => {
      const school = w.school['枫岭村小'] as string;
      const file = await h.upload('teachers.csv', csv(['F001,张三,男,语文、数学,一级,骨干教师,是', 'F002,,女,数学,,,', 'F003,赵六,女,英语,二级,,否']));
      const first = await district<TeacherImportReport>(S.teacherImport, { schoolId: school, mode: 'valid-only', file });
      expect(first).toMatchObject({ total: 3, created: 2, updated: 0, skipped: 1 });
      expect(first.errors).toEqual([expect.objectContaining({ row: 3, field: '姓名' })]);
      const again = await district<TeacherImportReport>(S.teacherImport, { schoolId: school, mode: 'valid-only', file });
      expect(again).toMatchObject({ created: 0, updated: 2, skipped: 1 });
      expect(await countAt(school)).toBe(2);
      const zhang = (await h.db.query('SELECT subjects, rank, middle_manager FROM teacher WHERE school_id = $1 AND staff_no = $2', [school, 'F001'])).rows[0];
      expect(zhang).toEqual({ subjects: ['chinese', 'math'], rank: 'backbone', middle_manager: true });
      expect(await outboxCount(E.teachersImported)).toBe(2);
    });

    it('previews an import with dryRun: each row\'s outcome, conflicts and the empty-cell option, and writes no teacher, audit or event', async () => {
      const school = w.school['枫岭村小'] as string;
      // F001 is 张三 (一级, 骨干教师, 中层) and F003 赵六 (二级) from the test above
      const rows = ['F001,张三,男,语文、数学,,,', 'F003,赵陆,女,英语,二级,,否', 'F004,钱七,女,美术,,,', 'F005,孙八,男,体育,特级,,', 'F005,孙八,男,体育,,,', 'F004,钱柒,女,美术,,,'];
      const snapshot = async () => ({
        teachers: (await h.db.query('SELECT staff_no, name, title, rank, middle_manager FROM teacher WHERE school_id = $1 ORDER BY staff_no', [school])).rows,
        audit: Number((await h.db.query("SELECT count(*) FROM audit_log WHERE action = 'teachers.imported'")).rows[0].count),
        outbox: await outboxCount(E.teachersImported),
      });
      const before = await snapshot();
      const preview = await district<TeacherImportReport>(S.teacherImport, { schoolId: school, mode: 'valid-only', dryRun: true, file: await h.upload('t.csv', csv(rows)) });
      expect(preview).toMatchObject({ dryRun: true, empty: 'keep', blocked: false, total: 6, rowCounts: { inserted: 1, updated: 0, unchanged: 1, rejected: 4 } });
      expect(preview.rowOutcomes.map((r) => [r.row, r.staffNo, r.outcome, r.errors.map((e) => e.field)])).toEqual([
        [2, 'F001', 'unchanged', []],
        [3, 'F003', 'rejected', ['工号']],
        [4, 'F004', 'inserted', []],
        [5, 'F005', 'rejected', ['职称']],
        [6, 'F005', 'rejected', ['工号']],
        [7, 'F004', 'rejected', ['工号']],
      ]);
      expect(preview.errors.filter((e) => e.field === '工号').map((e) => [e.code, e.message])).toEqual([
        ['exchange.teacher-import.staff-no-stored', 'conflict: the staff number F003 belongs to 赵六 on the roster, this row names 赵陆'],
        ['exchange.teacher-import.staff-no-repeated', 'duplicate staff number F005: also in row 5'],
        ['exchange.teacher-import.staff-no-conflict', 'conflict: row 4 gives the staff number F004 to 钱七, this row to 钱柒'],
      ]);
      expect(await snapshot()).toEqual(before);
      const cleared = await district<TeacherImportReport>(S.teacherImport, { schoolId: school, mode: 'valid-only', dryRun: true, empty: 'clear', file: await h.upload('t.csv', csv(rows)) });
      expect(cleared.rowOutcomes[0]).toMatchObject({ row: 2, outcome: 'updated' });
      expect(await snapshot()).toEqual(before);
      expect(await district<TeacherImportReport>(S.teacherImport, { schoolId: school, mode: 'valid-only', empty: 'clear', file: await h.upload('t.csv', csv(rows)) }))
        .toMatchObject({ dryRun: false, rowCounts: { inserted: 1, updated: 1, rejected: 4 } });
      const zhang = (await h.db.query('SELECT title, rank, middle_manager FROM teacher WHERE school_id = $1 AND staff_no = $2', [school, 'F001'])).rows[0];
      expect(zhang).toEqual({ title: 'unrated', rank: 'none', middle_manager: false });
      expect((await h.db.query('SELECT name FROM teacher WHERE school_id = $1 AND staff_no = $2', [school, 'F003'])).rows).toEqual([{ name: '赵六' }]);
    });

    it('offers an .xlsx template that imports as it comes', async () => {
      const template = await district<{ key: string; filename: string }>(S.teacherImportTemplate, { format: 'xlsx' });
      const stored = await h.files.get(template.key);
      const chunks: Buffer[] = [];
      for await (const chunk of stored!.stream) chunks.push(chunk as Buffer);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
      expect((workbook.worksheets[0]?.getRow(1).values as string[]).slice(1)).toEqual(['工号', '姓名', '性别', '任教学科', '职称', '骨干级别', '是否中层']);
      const file = await h.upload('模板.xlsx', new Uint8Array(Buffer.concat(chunks)));
      const report = await district<TeacherImportReport>(S.teacherImport, { schoolId: w.school['城关中学'], mode: 'all', file });
      expect(report).toMatchObject({ total: 2, created: 2, errors: [] });
    });
  });

  describe('placements', () => {
    let wang: TeacherView;
    let placement: PlacementView;

    beforeAll(async () => {
      [wang] = (await district<Page<TeacherView>>(S.teacherList, { q: '王丽' })).items as [TeacherView];
    });

    const propose = (call: Call, extra: Record<string, unknown> = {}): Promise<PlacementView> => call<PlacementView>(S.placementPropose, {
      teacherId: wang.id, kind: 'rotation', hosts: [{ schoolId: w.school['下湾村小'] }], startsOn: '2026-09-01', endsOn: '2027-01-31', ...extra,
    });

    it('refuses host schools outside an active alliance shared with the home school', async () => {
      await expect(propose(homeAdmin, { hosts: [{ schoolId: w.school['二中'] }] })).rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'hosts' })] });
      await expect(propose(homeAdmin, { kind: 'itinerant' })).rejects.toMatchObject({ errors: [expect.objectContaining({ field: 'hosts.0.weeklyPeriods' })] });
      expect(Number((await h.db.query('SELECT count(*) FROM placement')).rows[0].count)).toBe(0);
    });

    it('runs proposed → home approved → approved, recording the alliance, an audit row and an event at every step', async () => {
      placement = await propose(homeAdmin, { note: '支持村小语文教学' });
      expect(placement).toMatchObject({ status: 'proposed', allianceId: w.alliance['实验小学教联体'], allianceName: '实验小学教联体', homeSchoolName: '实验小学' });
      await expect(hostAdmin(S.placementApprove, { id: placement.id, body: {} })).rejects.toMatchObject({ kind: 'forbidden' });
      const home = await homeAdmin<PlacementView>(S.placementApprove, { id: placement.id, body: {} });
      expect(home.status).toBe('home_approved');
      await expect(homeAdmin(S.placementApprove, { id: placement.id, body: {} })).rejects.toMatchObject({ kind: 'forbidden' });
      const host = await hostAdmin<PlacementView>(S.placementApprove, { id: placement.id, body: {} });
      expect(host.status).toBe('approved');
      expect(host.hosts[0]?.approvedAt).toEqual(expect.any(String));
      const audit = await h.db.query('SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY at', [placement.id]);
      expect(audit.rows.map((r) => r.action).sort()).toEqual(['placement.approved', 'placement.home-approved', 'placement.host-approved', 'placement.proposed']);
      for (const subject of [E.placementProposed, E.placementHomeApproved, E.placementHostApproved, E.placementApproved]) expect(await outboxCount(subject)).toBe(1);
    });

    it('lets the database refuse a second approved placement of the same teacher in an overlapping period', async () => {
      await expect(propose(homeAdmin, { startsOn: '2026-12-01', endsOn: '2027-03-01' })).rejects.toMatchObject({ kind: 'conflict' });
      await h.db.query(`UPDATE placement SET status = 'cancelled', reason = 'test' WHERE id = $1`, [placement.id]);
      const second = await propose(homeAdmin, { startsOn: '2026-12-01', endsOn: '2027-03-01' });
      await h.db.query(`UPDATE placement SET status = 'approved', reason = NULL WHERE id = $1`, [placement.id]);
      await homeAdmin(S.placementApprove, { id: second.id, body: {} });
      await expect(hostAdmin(S.placementApprove, { id: second.id, body: {} })).rejects.toMatchObject({ kind: 'conflict' });
      const rows = await h.db.query('SELECT status FROM placement WHERE id = $1', [second.id]);
      expect(rows.rows[0].status).toBe('home_approved');
      await allianceAdmin(S.placementCancel, { id: second.id, body: { reason: '时间冲突' } });
    });

    it('asks for a reason to reject or cancel, and only the right people may', async () => {
      const teacherB = await homeAdmin<TeacherView>(S.teacherCreate, teacher(w.school['实验小学'] as string, 'A002'));
      const p = await propose(homeAdmin, { teacherId: teacherB.id, kind: 'itinerant', hosts: [{ schoolId: w.school['下湾村小'], weeklyPeriods: 4 }, { schoolId: w.school['枫岭村小'], weeklyPeriods: 6 }] });
      await expect(homeAdmin(S.placementReject, { id: p.id, body: { reason: '' } })).rejects.toMatchObject({ kind: 'validation-failed' });
      await expect(hostAdmin(S.placementCancel, { id: p.id, body: { reason: '不需要' } })).rejects.toMatchObject({ kind: 'forbidden' });
      await homeAdmin(S.placementApprove, { id: p.id, body: {} });
      const oneHost = await hostAdmin<PlacementView>(S.placementApprove, { id: p.id, body: {} });
      expect(oneHost.status).toBe('home_approved');
      const rejected = await district<PlacementView>(S.placementReject, { id: p.id, body: { reason: '枫岭村小本学期课时已满' } });
      expect(rejected).toMatchObject({ status: 'rejected', reason: '枫岭村小本学期课时已满' });
      await expect(homeAdmin(S.placementApprove, { id: p.id, body: {} })).rejects.toMatchObject({ kind: 'conflict' });
      expect(await outboxCount(E.placementRejected)).toBe(1);
    });

    it('hides placements from other districts and from schools they do not involve', async () => {
      await expect(outsider(S.placementGet, { id: placement.id })).rejects.toMatchObject({ kind: 'not-found' });
      const stranger = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: w.school['二中'] as string }]);
      await expect(stranger(S.placementGet, { id: placement.id })).rejects.toMatchObject({ kind: 'not-found' });
      await expect(stranger(S.placementCancel, { id: placement.id, body: { reason: 'x' } })).rejects.toMatchObject({ kind: 'not-found' });
      expect((await stranger<Page<PlacementView>>(S.placementList, {})).total).toBe(0);
      expect((await hostAdmin<Page<PlacementView>>(S.placementList, { status: 'approved' })).items.map((p) => p.id)).toEqual([placement.id]);
    });

    it('activates by the alliance admin and completes; the clock activates approved placements on their start date', async () => {
      const active = await allianceAdmin<PlacementView>(S.placementActivate, { id: placement.id });
      expect(active.status).toBe('active');
      const done = await allianceAdmin<PlacementView>(S.placementComplete, { id: placement.id });
      expect(done.status).toBe('completed');
      expect(await outboxCount(E.placementCompleted)).toBe(1);

      const teacherC = await homeAdmin<TeacherView>(S.teacherCreate, teacher(w.school['实验小学'] as string, 'A003'));
      const later = await propose(homeAdmin, { teacherId: teacherC.id, kind: 'support', startsOn: '2026-10-01', endsOn: '2026-12-31' });
      await homeAdmin(S.placementApprove, { id: later.id, body: {} });
      await hostAdmin(S.placementApprove, { id: later.id, body: {} });
      const clock = h.app.get(PlacementsService);
      const statusOf = async (): Promise<string> => (await h.db.query('SELECT status FROM placement WHERE id = $1', [later.id])).rows[0].status;
      await clock.sweep(clockCaller(), '2026-09-30');
      expect(await statusOf()).toBe('approved');
      await clock.sweep(clockCaller(), '2026-10-01');
      expect(await statusOf()).toBe('active');
      await clock.sweep(clockCaller(), '2026-12-31');
      expect(await statusOf()).toBe('active');
      await clock.sweep(clockCaller(), '2027-01-01');
      expect(await statusOf()).toBe('completed');
    });
  });

  describe('quotas', () => {
    it('shows plan versus actual per member school and flags the schools that are behind', async () => {
      const allianceId = w.alliance['实验小学教联体'];
      await expect(homeAdmin(S.quotaSet, { allianceId, year: 2026, rules: [{ category: 'backbone', min: 1, max: 2 }] })).rejects.toMatchObject({ kind: 'forbidden' });
      await expect(allianceAdmin(S.quotaSet, { allianceId, year: 2026, rules: [{ category: 'backbone', min: 3, max: 2 }] })).rejects.toMatchObject({ kind: 'validation-failed' });
      await allianceAdmin(S.quotaSet, { allianceId, year: 2026, rules: [{ category: 'middle_manager', min: 1, max: 2 }, { category: 'backbone', min: 1, max: 4 }] });
      const progress = await homeAdmin<QuotaProgressView>(S.quotaProgress, { allianceId, year: 2026 });
      const home = progress.schools.find((s) => s.schoolName === '实验小学');
      expect(home?.categories).toEqual([
        expect.objectContaining({ category: 'middle_manager', actual: 0, state: 'behind' }),
        expect.objectContaining({ category: 'backbone', actual: 1, state: 'met' }),
      ]);
      expect(progress.schools.map((s) => s.schoolName).sort()).toEqual(['下湾村小', '实验小学', '枫岭村小']);
      expect(progress.schools.every((s) => s.behind)).toBe(true);
      await expect(outsider(S.quotaProgress, { allianceId, year: 2026 })).rejects.toMatchObject({ kind: 'not-found' });
    });
  });
});
