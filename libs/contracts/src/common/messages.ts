import { ACTIVITIES_MESSAGES, ACTIVITIES_PARAM_NAMES } from '../activities/messages.js';
import { ASSESSMENT_MESSAGES, ASSESSMENT_PARAM_NAMES } from '../assessment/messages.js';
import { CURRICULUM_MESSAGES, CURRICULUM_PARAM_NAMES } from '../curriculum/messages.js';
import { MEMBERSHIP_MESSAGES, MEMBERSHIP_PARAM_NAMES } from '../membership/messages.js';
import { NOTIFICATIONS_MESSAGES, NOTIFICATIONS_PARAM_NAMES } from '../notifications/messages.js';
import { TEACHER_EXCHANGE_MESSAGES, TEACHER_EXCHANGE_PARAM_NAMES } from '../teacher-exchange/messages.js';
import { WEBHOOKS_MESSAGES, WEBHOOKS_PARAM_NAMES } from '../integrations/webhooks.messages.js';
import { CHANGES_MESSAGES } from '../integrations/changes.messages.js';
import { PLATFORM_MESSAGES } from './platform-messages.js';
import type { ErrorKind } from './problem.js';

/**
 * The languages Jiaolian answers in. zh-CN is the default for people and third parties alike; a
 * caller that prefers English says so with `Accept-Language: en`.
 */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Parameters of a message: values only, so a client can render the message in its own words. */
export type MessageParams = Record<string, string | number>;

/** A message in every locale; `{name}` is replaced by the parameter of that name. */
export type MessageTemplates = Record<Locale, string>;

/**
 * The stable codes of what the API can answer, with their text in each locale. Clients switch on
 * `code` and may show their own text built from `params`; the gateway renders `detail` and each field
 * error's `message` from this catalogue in the caller's language.
 *
 * Naming: `<kind>` for an error that says no more than its kind, `field.<constraint>` for a field that
 * fails a validation rule (the constraint names are class-validator's own), `<domain>.<what>` for a
 * domain rule.
 */
const COMMON_MESSAGES = {
  // kinds: the fallback detail of an error that carries no more specific code
  'validation-failed': { en: 'The request has invalid fields', 'zh-CN': '请求中有不符合要求的字段' },
  unauthenticated: { en: 'Authentication is required', 'zh-CN': '请先登录' },
  forbidden: { en: 'Your role does not allow this action', 'zh-CN': '您的角色无权执行此操作' },
  'not-found': { en: '{entity} not found', 'zh-CN': '未找到{entity}，或您无权查看' },
  conflict: { en: 'The request conflicts with the current state', 'zh-CN': '操作与数据的当前状态冲突' },
  unprocessable: { en: 'The request cannot be processed', 'zh-CN': '请求无法处理' },
  'rate-limited': { en: 'Too many requests; retry in {retryAfter} s', 'zh-CN': '请求过于频繁，请 {retryAfter} 秒后再试' },
  internal: { en: 'An unexpected error occurred; quote the request id when reporting it', 'zh-CN': '服务器发生意外错误；反馈问题时请提供请求编号' },
  unavailable: { en: 'The service is unavailable; try again shortly', 'zh-CN': '服务暂时不可用，请稍后再试' },
  timeout: { en: 'The service did not answer in time; try again shortly', 'zh-CN': '服务未能及时响应，请稍后再试' },

  // HTTP-level problems that come before any route
  'http.route-not-found': { en: 'No route {method} {path}', 'zh-CN': '不存在的接口：{method} {path}' },
  'http.bad-json': { en: 'The body is not valid JSON', 'zh-CN': '请求体不是有效的 JSON' },
  'http.body-too-large': { en: 'The body is larger than the limit', 'zh-CN': '请求体超过了大小限制' },
  'http.unsupported-media-type': { en: 'Unsupported content type', 'zh-CN': '不支持的内容类型' },
  'http.client-error': { en: 'The request is malformed', 'zh-CN': '请求格式有误' },
  'http.param-too-long': { en: 'A path parameter is too long', 'zh-CN': '路径参数过长' },
  'http.bad-url': { en: 'The path is not valid percent-encoded text', 'zh-CN': '路径不是有效的百分号编码文本' },
  'http.json-too-deep': { en: 'The JSON body nests arrays and objects deeper than {max} levels', 'zh-CN': 'JSON 请求体的数组和对象嵌套超过 {max} 层' },
  'http.body-not-object': { en: 'The body must be a JSON object', 'zh-CN': '请求体必须是 JSON 对象' },

  // spreadsheet files (imports)
  'import.file.format': { en: 'The file must be an .xlsx workbook or a .csv file', 'zh-CN': '文件必须是 .xlsx 工作簿或 .csv 文件' },
  'import.file.empty': { en: 'The file is empty', 'zh-CN': '文件是空的' },
  'import.file.too-many-rows': { en: 'The file has more than {max} rows', 'zh-CN': '文件超过 {max} 行' },
  'import.file.binary': { en: 'The file is not a text file: it holds binary data', 'zh-CN': '文件不是文本文件：其中含有二进制数据' },
  'import.file.not-utf8': {
    en: 'The file is not valid UTF-8 text (after byte {offset}); save it again as CSV UTF-8',
    'zh-CN': '文件不是有效的 UTF-8 文本（第 {offset} 字节之后），请另存为 CSV UTF-8 格式',
  },
  'import.csv.syntax': { en: 'The CSV cannot be read near line {line}: {reason}', 'zh-CN': 'CSV 文件第 {line} 行附近格式有误，无法读取' },
  'import.xlsx.unreadable': { en: 'The file is not a readable .xlsx workbook: {reason}', 'zh-CN': '文件不是可以读取的 .xlsx 工作簿' },
  'import.xlsx.too-large': { en: 'The workbook is larger than {mb} MB', 'zh-CN': '工作簿超过 {mb} MB' },
  'import.xlsx.too-many-rows': { en: 'The sheet has more than {max} rows', 'zh-CN': '工作表超过 {max} 行' },
  'import.xlsx.too-many-columns': { en: 'The sheet has more than {max} columns', 'zh-CN': '工作表超过 {max} 列' },
  'import.file.gone': { en: 'The uploaded file is no longer stored; upload it again', 'zh-CN': '上传的文件已不再保存，请重新上传' },
  'import.file.unreadable': {
    en: 'The file could not be read as an .xlsx workbook or a UTF-8 .csv file',
    'zh-CN': '无法读取该文件，请上传 .xlsx 工作簿或 UTF-8 编码的 .csv 文件',
  },
  'import.file.no-data-rows': { en: 'The file has no data rows under the header', 'zh-CN': '文件的表头下没有数据行' },
  'import.columns-missing': { en: "The file does not have the template's columns; download the template", 'zh-CN': '文件缺少模板中的列，请下载模板后填写' },
  'import.column-missing': { en: 'the column {field} is missing', 'zh-CN': '缺少列“{field}”' },
  'import.rows-rejected': { en: '{badRows} of {rows} rows have errors; nothing was imported', 'zh-CN': '共 {rows} 行，其中 {badRows} 行有错误，未导入任何数据' },

  // a field that breaks a validation rule (class-validator constraint names)
  'field.invalid': { en: '{field} is invalid', 'zh-CN': '{field} 不符合要求' },
  'field.nul': { en: '{field} must not contain the NUL character (\\u0000)', 'zh-CN': '{field} 不能包含空字符（NUL）' },
  'field.isNotBlank': { en: '{field} must not be empty or only spaces', 'zh-CN': '{field} 不能为空，也不能只有空格' },
  'field.whitelistValidation': { en: '{field} is not an accepted field', 'zh-CN': '{field} 不是可接受的字段' },
  'field.isDefined': { en: '{field} is required', 'zh-CN': '{field} 为必填项' },
  'field.isNotEmpty': { en: '{field} should not be empty', 'zh-CN': '{field} 不能为空' },
  'field.isString': { en: '{field} must be a string', 'zh-CN': '{field} 必须是文本' },
  'field.maxLength': { en: '{field} must be shorter than or equal to {max} characters', 'zh-CN': '{field} 不能超过 {max} 个字符' },
  'field.minLength': { en: '{field} must be longer than or equal to {min} characters', 'zh-CN': '{field} 至少需要 {min} 个字符' },
  'field.isUuid': { en: '{field} must be a UUID', 'zh-CN': '{field} 必须是 UUID 格式的编号' },
  'field.isIn': { en: '{field} must be one of the following values: {values}', 'zh-CN': '{field} 必须是以下取值之一：{values}' },
  'field.isEnum': { en: '{field} must be one of the following values: {values}', 'zh-CN': '{field} 必须是以下取值之一：{values}' },
  'field.isInt': { en: '{field} must be an integer number', 'zh-CN': '{field} 必须是整数' },
  'field.isNumber': { en: '{field} must be a number', 'zh-CN': '{field} 必须是数字' },
  'field.isBoolean': { en: '{field} must be a boolean value', 'zh-CN': '{field} 必须是 true 或 false' },
  'field.min': { en: '{field} must not be less than {min}', 'zh-CN': '{field} 不能小于 {min}' },
  'field.max': { en: '{field} must not be greater than {max}', 'zh-CN': '{field} 不能大于 {max}' },
  'field.matches': { en: '{field} has the wrong format', 'zh-CN': '{field} 格式不正确' },
  'field.isDateString': { en: '{field} must be a valid ISO 8601 date string', 'zh-CN': '{field} 必须是 ISO 8601 格式的日期时间' },
  'field.isIso8601': { en: '{field} must be a valid ISO 8601 date string', 'zh-CN': '{field} 必须是 ISO 8601 格式的日期时间' },
  'field.isArray': { en: '{field} must be an array', 'zh-CN': '{field} 必须是数组' },
  'field.arrayMaxSize': { en: '{field} must contain no more than {max} elements', 'zh-CN': '{field} 最多 {max} 项' },
  'field.arrayMinSize': { en: '{field} must contain at least {min} elements', 'zh-CN': '{field} 至少 {min} 项' },
  'field.arrayUnique': { en: "All {field}'s elements must be unique", 'zh-CN': '{field} 中有重复项' },
  'field.arrayNotEmpty': { en: '{field} should not be empty', 'zh-CN': '{field} 不能为空' },
  'field.nestedValidation': { en: '{field} must be an object', 'zh-CN': '{field} 必须是对象' },
  'field.isObject': { en: '{field} must be an object', 'zh-CN': '{field} 必须是对象' },
  'field.isUrl': { en: '{field} must be a URL address', 'zh-CN': '{field} 必须是网址' },
  'field.isEmail': { en: '{field} must be an email', 'zh-CN': '{field} 必须是电子邮箱地址' },
  'field.isLatitude': { en: '{field} must be a latitude string or number', 'zh-CN': '{field} 必须是纬度' },
  'field.isLongitude': { en: '{field} must be a longitude string or number', 'zh-CN': '{field} 必须是经度' },
  'field.uuid': { en: '{field} must be a UUID', 'zh-CN': '{field} 必须是 UUID 格式的编号' },
} as const satisfies Record<string, MessageTemplates>;

/**
 * Every code: the common ones above and each service's own (`<domain>/messages.ts`, codes prefixed
 * with the domain, e.g. `exchange.placement.overlap`).
 */
export const MESSAGES = {
  ...COMMON_MESSAGES,
  ...PLATFORM_MESSAGES,
  ...MEMBERSHIP_MESSAGES,
  ...TEACHER_EXCHANGE_MESSAGES,
  ...CURRICULUM_MESSAGES,
  ...ACTIVITIES_MESSAGES,
  ...ASSESSMENT_MESSAGES,
  ...WEBHOOKS_MESSAGES,
  ...CHANGES_MESSAGES,
  ...NOTIFICATIONS_MESSAGES,
} as const satisfies Record<string, MessageTemplates>;

export type MessageCode = keyof typeof MESSAGES;

/** The Chinese names of the things a 404 can be about (keys are the entity names services use, lower case). */
const ENTITY_NAMES: Record<string, string> = {
  district: '区县', school: '学校', campus: '校区', alliance: '联盟', 'join request': '加入申请', user: '用户', 'role assignment': '角色授权',
  teacher: '教师', placement: '交流安排', quota: '交流指标', slot: '走教课节', resource: '教学资源', 'resource version': '资源版本',
  facility: '功能室', booking: '预约', activity: '活动', registration: '报名', 'action item': '待办事项', 'calendar feed': '日历订阅',
  minutes: '会议纪要', exam: '考试', student: '学生', score: '成绩', file: '文件',
  survey: '问卷', 'survey template': '问卷模板', 'survey link': '问卷链接',
  'api client': '第三方应用', 'work plan': '工作计划', 'plan target': '目标任务', milestone: '里程碑', evidence: '佐证材料',
  'webhook subscription': '推送订阅', 'webhook delivery': '推送记录',
  notification: '通知', robot: '群机器人',
  'charter document': '章程与协议', 'charter version': '章程与协议版本',
  body: '组织机构', body_member: '机构成员', 'profile tag': '画像标签', 'profile round': '画像调研', 'school profile': '学校画像',
  mentorship: '师徒结对', observation: '听课记录', rubric: '评课量表',
};

/** The catalogue entry of a code, or undefined for a code this build does not know. */
export function messageTemplates(code: string): MessageTemplates | undefined {
  return Object.hasOwn(MESSAGES, code) ? (MESSAGES as Record<string, MessageTemplates>)[code] : undefined;
}

/**
 * The Chinese names of enumerated parameter values (statuses, roles, kinds), by parameter name; each
 * domain names its own parameters (e.g. `allianceStatus`), so one value can read differently per domain.
 */
const PARAM_NAMES: Record<string, Record<string, string>> = {
  ...MEMBERSHIP_PARAM_NAMES,
  ...TEACHER_EXCHANGE_PARAM_NAMES,
  ...CURRICULUM_PARAM_NAMES,
  ...ACTIVITIES_PARAM_NAMES,
  ...ASSESSMENT_PARAM_NAMES,
  ...WEBHOOKS_PARAM_NAMES,
  ...NOTIFICATIONS_PARAM_NAMES,
};

function localizedParam(name: string, value: string | number, locale: Locale): string {
  if (name === 'entity' && typeof value === 'string' && locale === 'zh-CN') return ENTITY_NAMES[value.toLowerCase()] ?? value;
  const names = locale === 'zh-CN' && Object.hasOwn(PARAM_NAMES, name) ? PARAM_NAMES[name] : undefined;
  if (names && typeof value === 'string' && Object.hasOwn(names, value)) return names[value] ?? value;
  return String(value);
}

/** Fills a template's `{name}` placeholders; a placeholder without a parameter stays as written. */
export function fillTemplate(template: string, params: MessageParams | undefined, locale: Locale): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params?.[name];
    return value === undefined ? whole : localizedParam(name, value, locale);
  });
}

/** The message of a code in a locale, or undefined when the code is not in the catalogue. */
export function renderMessage(code: string | undefined, params: MessageParams | undefined, locale: Locale): string | undefined {
  const templates = code === undefined ? undefined : messageTemplates(code);
  return templates ? fillTemplate(templates[locale], params, locale) : undefined;
}

/** The title of an error kind in a locale. */
export const KIND_TITLES: Record<ErrorKind, MessageTemplates> = {
  'validation-failed': { en: 'Validation failed', 'zh-CN': '输入有误' },
  unauthenticated: { en: 'Unauthenticated', 'zh-CN': '未登录' },
  forbidden: { en: 'Forbidden', 'zh-CN': '无权操作' },
  'not-found': { en: 'Not found', 'zh-CN': '未找到' },
  conflict: { en: 'Conflict', 'zh-CN': '操作冲突' },
  unprocessable: { en: 'Unprocessable', 'zh-CN': '无法处理' },
  'rate-limited': { en: 'Too many requests', 'zh-CN': '请求过于频繁' },
  internal: { en: 'Internal error', 'zh-CN': '服务器内部错误' },
  unavailable: { en: 'Service unavailable', 'zh-CN': '服务不可用' },
  timeout: { en: 'Timeout', 'zh-CN': '响应超时' },
};

/**
 * The locale to answer in for an `Accept-Language` header (RFC 9110 §12.5.4): the highest-weighted
 * language we speak, English for any `en` tag and Chinese for any `zh` tag; zh-CN when the header is
 * absent, malformed or names neither.
 */
export function negotiateLocale(header: string | undefined): Locale {
  if (!header || header.length > 512) return DEFAULT_LOCALE;
  let best: { locale: Locale; q: number } | undefined;
  for (const part of header.split(',')) {
    const [rawTag, ...rawParams] = part.trim().split(';');
    const tag = rawTag?.trim().toLowerCase() ?? '';
    let q = 1;
    for (const p of rawParams) {
      const [k, v] = p.trim().split('=');
      if (k?.trim() === 'q') q = Number(v);
    }
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    const locale: Locale | undefined = tag === 'en' || tag.startsWith('en-') ? 'en' : tag === 'zh' || tag.startsWith('zh-') ? 'zh-CN' : undefined;
    if (locale && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? DEFAULT_LOCALE;
}
