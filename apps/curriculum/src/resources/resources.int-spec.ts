import { CurriculumSubjects, type Page, type ResourceDownloadView, type ResourceVersionView, type ResourceView } from '@jiaolian/contracts';
import { seedDirectory, startHarness, type Harness, type World } from '../test-support/harness.js';

/** Sharing, searching (Chinese), seeing and downloading resources against real PostgreSQL and NATS. */
describe('resources (integration)', () => {
  let h: Harness;
  let world: World;
  const t: Record<string, string> = {};

  const share = async (token: string, schoolId: string, fields: Record<string, unknown>, filename = '教案.docx'): Promise<ResourceView> => {
    const file = await h.upload(filename, `content of ${String(fields['title'])}`);
    return h.call<ResourceView>(CurriculumSubjects.resourceCreate, {
      type: 'lesson_plan', subject: '劳动', grade: '四年级', licence: '联盟内共享', visibility: 'alliance', schoolId, ...fields, file,
    }, token);
  };
  const search = (token: string, query: Record<string, unknown>): Promise<Page<ResourceView>> => h.call(CurriculumSubjects.resourceList, query, token);

  beforeAll(async () => {
    h = await startHarness('curriculum_resources_it');
    world = await seedDirectory(h.db);
    const { core, member, outsider, foreign } = world.schools;
    t['coreTeacher'] = await h.tokenFor([{ role: 'teacher', districtId: world.districtId, schoolId: core }], 'u-core', '李老师');
    t['memberTeacher'] = await h.tokenFor([{ role: 'teacher', districtId: world.districtId, schoolId: member }], 'u-member', '张老师');
    t['outsiderTeacher'] = await h.tokenFor([{ role: 'teacher', districtId: world.districtId, schoolId: outsider }], 'u-outsider', '王老师');
    t['foreignTeacher'] = await h.tokenFor([{ role: 'teacher', districtId: world.otherDistrictId, schoolId: foreign }], 'u-foreign');
    t['memberAdmin'] = await h.tokenFor([{ role: 'school_admin', districtId: world.districtId, schoolId: member }], 'u-member-admin');
    t['districtAdmin'] = await h.tokenFor([{ role: 'district_admin', districtId: world.districtId }], 'u-district');
  }, 60_000);

  afterAll(async () => { await h?.close(); });

  it('finds 农耕文化劳动教育 by 农耕, but not another school\'s resource that is visible to its own school only', async () => {
    const shared = await share(t['coreTeacher']!, world.schools.core, { title: '农耕文化劳动教育', tags: ['劳动教育'], description: '二十四节气与农事体验' });
    const hidden = await share(t['memberTeacher']!, world.schools.member, { title: '农耕体验校本课程', visibility: 'school' });
    await share(t['coreTeacher']!, world.schools.core, { title: '分数的初步认识', subject: '数学', grade: '三年级', type: 'courseware' }, '分数.pptx');

    const found = await search(t['coreTeacher']!, { q: '农耕' });
    expect(found.items.map((r) => r.title)).toEqual(['农耕文化劳动教育']);
    expect(found.total).toBe(1);
    expect(found.items[0]).toMatchObject({ id: shared.id, schoolName: '清溪县实验小学', ownerName: '李老师', canEdit: true });
    expect(found.items.map((r) => r.id)).not.toContain(hidden.id);

    // its own school finds both, the better match (title) first
    const own = await search(t['memberTeacher']!, { q: '农耕' });
    expect(own.items.map((r) => r.title).sort()).toEqual(['农耕体验校本课程', '农耕文化劳动教育']);
  });

  it.each([
    ['a phrase (all bigrams in order)', { q: '文化劳动' }, ['农耕文化劳动教育']],
    ['one character', { q: '耕' }, ['农耕文化劳动教育']],
    ['two terms, both required', { q: '农耕 节气' }, ['农耕文化劳动教育']],
    ['bigrams out of order', { q: '劳动文化' }, []],
    ['a tag', { q: '劳动教育' }, ['农耕文化劳动教育']],
    ['punctuation only', { q: '，。' }, []],
    ['a filter on type', { type: 'courseware' }, ['分数的初步认识']],
    ['filters on subject and grade', { subject: '数学', grade: '三年级' }, ['分数的初步认识']],
  ])('searches by %s', async (_, query, titles) => {
    const found = await search(t['coreTeacher']!, query);
    expect(found.items.map((r) => r.title)).toEqual(titles);
  });

  it('shows alliance resources to alliance schools only, district resources to the district, nothing to another district', async () => {
    const districtWide = await share(t['coreTeacher']!, world.schools.core, { title: '县级教研资料汇编', visibility: 'district', type: 'research' }, '汇编.pdf');
    const outsider = await search(t['outsiderTeacher']!, {});
    expect(outsider.items.map((r) => r.title)).toEqual(['县级教研资料汇编']);
    expect((await search(t['foreignTeacher']!, {})).items).toEqual([]);
    const nf = await h.fail(CurriculumSubjects.resourceGet, { id: districtWide.id }, t['foreignTeacher']!);
    expect(nf.kind).toBe('not-found');
    const byMember = await search(t['memberTeacher']!, { schoolId: world.schools.core });
    expect(byMember.items.map((r) => r.title).sort()).toEqual(['农耕文化劳动教育', '分数的初步认识', '县级教研资料汇编'].sort());
    // the district admin oversees all of the district, school-only resources included
    expect((await search(t['districtAdmin']!, {})).total).toBe(4);
  });

  it('answers 404 for a school-only resource of another school, and 403 when a partner tries to change a visible one', async () => {
    const [hidden] = (await search(t['memberTeacher']!, { q: '校本课程' })).items;
    expect((await h.fail(CurriculumSubjects.resourceGet, { id: hidden!.id }, t['coreTeacher']!)).kind).toBe('not-found');
    expect((await h.fail(CurriculumSubjects.resourceDownload, { id: hidden!.id }, t['outsiderTeacher']!)).kind).toBe('not-found');
    const [shared] = (await search(t['memberTeacher']!, { q: '农耕文化' })).items;
    expect(shared!.canEdit).toBe(false);
    const refused = await h.fail(CurriculumSubjects.resourceUpdate, { id: shared!.id, changes: { title: '改名' } }, t['memberAdmin']!);
    expect(refused.kind).toBe('forbidden');
    expect((await search(t['coreTeacher']!, { q: '改名' })).total).toBe(0);
  });

  it('re-indexes a changed title, and narrowing visibility hides it from partners', async () => {
    const created = await share(t['coreTeacher']!, world.schools.core, { title: '古诗词诵读', subject: '语文' });
    const changed = await h.call<ResourceView>(CurriculumSubjects.resourceUpdate, { id: created.id, changes: { title: '节气古诗词诵读', visibility: 'school' } }, t['coreTeacher']!);
    expect(changed).toMatchObject({ title: '节气古诗词诵读', visibility: 'school' });
    expect((await search(t['coreTeacher']!, { q: '节气古诗' })).items.map((r) => r.id)).toEqual([created.id]);
    expect((await search(t['memberTeacher']!, { q: '节气古诗' })).total).toBe(0);
    expect(await h.count('audit_log', "entity_id = $1 AND action = 'resource.updated'", [created.id])).toBe(1);
  });

  it('counts downloads and notes who downloaded, answering the store key of the same bytes', async () => {
    const [shared] = (await search(t['memberTeacher']!, { q: '农耕文化' })).items;
    const answer = await h.call<ResourceDownloadView>(CurriculumSubjects.resourceDownload, { id: shared!.id }, t['memberTeacher']!);
    expect(answer.filename).toBe('教案.docx');
    const stored = await h.files.get(answer.key);
    const chunks: Buffer[] = [];
    for await (const chunk of stored!.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('content of 农耕文化劳动教育');
    await h.call(CurriculumSubjects.resourceDownload, { id: shared!.id }, t['outsiderTeacher']!).catch(() => undefined);
    const after = await h.call<ResourceView>(CurriculumSubjects.resourceGet, { id: shared!.id }, t['memberTeacher']!);
    expect(after.downloadCount).toBe(1); // the outsider's attempt was not visible and not counted
    expect(await h.count('resource_download', 'resource_id = $1 AND actor_id = $2', [shared!.id, 'u-member'])).toBe(1);
  });

  it.each([
    ['a file type the resource type does not take', 'lesson_video', '课例.docx', 'file'],
    ['a title that is too long', 'lesson_plan', '教案.docx', 'title'],
  ])('refuses %s naming the field, writing nothing', async (_, type, filename, field) => {
    const before = await h.count('resource');
    const file = await h.upload(filename, 'x');
    const error = await h.fail(CurriculumSubjects.resourceCreate, {
      type, subject: '语文', grade: '一年级', licence: 'CC BY-NC 4.0', visibility: 'school', schoolId: world.schools.core,
      title: field === 'title' ? '长'.repeat(121) : '标题', file,
    }, t['coreTeacher']!);
    expect(error.kind).toBe('validation-failed');
    expect(error.errors?.map((e) => e.field)).toEqual([field]);
    expect(await h.count('resource')).toBe(before);
  });

  it('refuses sharing for a school that is not the caller\'s, and removes a resource with its file', async () => {
    const file = await h.upload('a.pdf', 'x');
    const forbidden = await h.fail(CurriculumSubjects.resourceCreate, {
      type: 'case', subject: '语文', grade: '一年级', licence: 'CC BY 4.0', visibility: 'district', schoolId: world.schools.member, title: '案例', file,
    }, t['coreTeacher']!);
    expect(forbidden.kind).toBe('forbidden');
    const created = await share(t['coreTeacher']!, world.schools.core, { title: '待删除的反思', type: 'reflection' });
    const key = (await h.db.query('SELECT file_key FROM curriculum.resource WHERE id = $1', [created.id])).rows[0].file_key as string;
    await h.call(CurriculumSubjects.resourceDelete, { id: created.id }, t['coreTeacher']!);
    expect(await h.count('resource', 'id = $1', [created.id])).toBe(0);
    expect(await h.files.get(key)).toBeNull();
    expect(await h.count('outbox_event', "subject = 'evt.curriculum.resource.removed.v1'")).toBe(1);
  });

  it('keeps every version of a revised file: the new one is current, the earlier ones stay downloadable, all go with the resource', async () => {
    const shared = await share(t['memberTeacher']!, world.schools.member, { title: '分数的初步认识（教案）', subject: '数学', grade: '三年级' });
    expect(shared.version).toBe(1);
    const revised = await h.upload('教案-修订.docx', 'revised lesson plan, with the class exercise added');
    const refusedFile = await h.upload('教案-修订.docx', 'from a partner school');

    expect((await h.fail(CurriculumSubjects.resourceVersionAdd, { id: shared.id, file: refusedFile }, t['coreTeacher']!)).kind).toBe('forbidden');
    expect((await h.fail(CurriculumSubjects.resourceVersionAdd, { id: shared.id, file: refusedFile }, t['foreignTeacher']!)).kind).toBe('not-found');
    const video = await h.upload('课堂实录.mp4', 'not a lesson plan');
    const wrongType = await h.fail(CurriculumSubjects.resourceVersionAdd, { id: shared.id, file: video }, t['memberTeacher']!);
    expect([wrongType.kind, wrongType.errors?.map((e) => e.field)]).toEqual(['validation-failed', ['file']]);
    const sameAgain = await h.upload('教案.docx', `content of 分数的初步认识（教案）`);
    expect((await h.fail(CurriculumSubjects.resourceVersionAdd, { id: shared.id, file: sameAgain }, t['memberTeacher']!)).kind).toBe('conflict');
    expect(await h.count('resource_version', 'resource_id = $1', [shared.id])).toBe(1);

    const current = await h.call<ResourceView>(CurriculumSubjects.resourceVersionAdd, { id: shared.id, note: '增加了课堂练习', file: revised }, t['memberAdmin']!);
    expect(current).toMatchObject({ version: 2, file: { filename: '教案-修订.docx', sha256: revised.sha256 } });

    const versions = await h.call<ResourceVersionView[]>(CurriculumSubjects.resourceVersionList, { id: shared.id }, t['coreTeacher']!);
    expect(versions.map((v) => [v.version, v.current, v.file.filename, v.note])).toEqual([
      [2, true, '教案-修订.docx', '增加了课堂练习'], [1, false, '教案.docx', null],
    ]);
    await expect(h.call(CurriculumSubjects.resourceVersionList, { id: shared.id }, t['foreignTeacher']!)).rejects.toMatchObject({ kind: 'not-found' });

    const latest = await h.call<ResourceDownloadView>(CurriculumSubjects.resourceDownload, { id: shared.id }, t['coreTeacher']!);
    expect(latest.key).toBe(revised.key);
    const first = await h.call<ResourceDownloadView>(CurriculumSubjects.resourceVersionDownload, { id: shared.id, version: 1 }, t['coreTeacher']!);
    const stored = await h.files.get(first.key);
    const chunks: Buffer[] = [];
    for await (const chunk of stored!.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('content of 分数的初步认识（教案）');
    expect((await h.fail(CurriculumSubjects.resourceVersionDownload, { id: shared.id, version: 3 }, t['coreTeacher']!)).kind).toBe('not-found');
    const badVersion = await h.fail(CurriculumSubjects.resourceVersionDownload, { id: shared.id, version: 0 }, t['coreTeacher']!);
    expect([badVersion.kind, badVersion.errors?.map((e) => e.field)]).toEqual(['validation-failed', ['version']]);
    expect(await h.count('outbox_event', "subject = 'evt.curriculum.resource.version-added.v1'")).toBe(1);
    expect(await h.count('audit_log', "action = 'resource.version_added' AND entity_id = $1", [shared.id])).toBe(1);

    await h.call(CurriculumSubjects.resourceDelete, { id: shared.id }, t['memberTeacher']!);
    expect(await h.files.get(first.key)).toBeNull();
    expect(await h.files.get(revised.key)).toBeNull();
    expect(await h.count('resource_version', 'resource_id = $1', [shared.id])).toBe(0);
  });
});
