/** Subjects a teacher teaches (code → zh-CN name, as the import template writes them). */
export const TEACHER_SUBJECTS = {
  chinese: '语文', math: '数学', english: '英语', physics: '物理', chemistry: '化学', biology: '生物', morality_law: '道德与法治',
  history: '历史', geography: '地理', science: '科学', music: '音乐', pe: '体育', art: '美术', it: '信息科技', labour: '劳动',
} as const;
export type TeacherSubject = keyof typeof TEACHER_SUBJECTS;
export const TEACHER_SUBJECT_CODES = Object.keys(TEACHER_SUBJECTS) as TeacherSubject[];

export const GENDERS = { male: '男', female: '女' } as const;
export type Gender = keyof typeof GENDERS;
export const GENDER_CODES = Object.keys(GENDERS) as Gender[];

/** Professional titles (职称), highest first. */
export const TEACHER_TITLES = { senior_full: '正高级', senior: '高级', first: '一级', second: '二级', third: '三级', unrated: '未定级' } as const;
export type TeacherTitle = keyof typeof TEACHER_TITLES;
export const TEACHER_TITLE_CODES = Object.keys(TEACHER_TITLES) as TeacherTitle[];

/** Backbone level (骨干级别): matters for exchange quotas. */
export const TEACHER_RANKS = { none: '无', backbone: '骨干教师', subject_leader: '学科带头人' } as const;
export type TeacherRank = keyof typeof TEACHER_RANKS;
export const TEACHER_RANK_CODES = Object.keys(TEACHER_RANKS) as TeacherRank[];

/** Placement kinds: 轮岗, 走教, 支教/送教, 跟岗, 观摩. */
export const PLACEMENT_KINDS = ['rotation', 'itinerant', 'support', 'shadowing', 'observation'] as const;
export type PlacementKind = (typeof PLACEMENT_KINDS)[number];

/**
 * proposed → home_approved (home school) → approved (every host school) → active → completed;
 * rejected (with reason) by the school whose approval is pending; cancelled (with reason) by the proposer or alliance admin.
 */
export const PLACEMENT_STATUSES = ['proposed', 'home_approved', 'approved', 'active', 'completed', 'rejected', 'cancelled'] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

/** Placement kinds that count towards the yearly exchange quota (training visits do not). */
export const QUOTA_COUNTED_KINDS: readonly PlacementKind[] = ['rotation', 'itinerant', 'support'];

/** Quota categories: middle managers (中层干部), backbone teachers (骨干教师 and 学科带头人), all teachers. */
export const QUOTA_CATEGORIES = ['middle_manager', 'backbone', 'any'] as const;
export type QuotaCategory = (typeof QUOTA_CATEGORIES)[number];

export const IMPORT_MODES = ['all', 'valid-only'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/**
 * What an empty optional cell (职称, 骨干级别, 是否中层) means for a teacher already on the roster: `keep`
 * (default) the stored value, `clear` the default (未定级, 无, 否). A new teacher gets the default either way.
 */
export const TEACHER_EMPTY_CELL_RULES = ['keep', 'clear'] as const;
export type TeacherEmptyCellRule = (typeof TEACHER_EMPTY_CELL_RULES)[number];

/** What an import does (or, in a dry run, would do) with one row of the roster. */
export const TEACHER_ROW_OUTCOMES = ['inserted', 'updated', 'unchanged', 'rejected'] as const;
export type TeacherRowOutcome = (typeof TEACHER_ROW_OUTCOMES)[number];
