import type { MessageTemplates } from './messages.js';

/**
 * Messages of the plumbing every part shares: the gateway's HTTP edge (`http.*`, `gateway.*`), the
 * message bus (`bus.*`), a service's database (`database.*`), callers and tokens (`auth.*`), lists (`list.*`) and files (`file.*`).
 */
export const PLATFORM_MESSAGES = {
  // the gateway: its own connections, authentication and route rules
  'gateway.bus.not-connected': { en: 'The gateway is not connected to the message bus', 'zh-CN': '网关尚未连接消息总线，请稍后再试' },
  'gateway.file-store.not-connected': { en: 'The gateway is not connected to the file store', 'zh-CN': '网关尚未连接文件存储，请稍后再试' },
  'gateway.auth.token-missing': { en: 'Send an access token: {header}', 'zh-CN': '请提供访问令牌：{header}' },
  'gateway.auth.client-not-allowed': { en: 'API clients may not use this route', 'zh-CN': '第三方应用不能使用此接口' },
  'gateway.auth.scope-missing': {
    en: "The API client's token holds none of the scopes this route accepts: {scopes}", 'zh-CN': '该应用的访问令牌没有此接口所需的权限范围：{scopes}',
  },
  'gateway.oauth.unsupported-grant-type': { en: '{field} must be {grantType}', 'zh-CN': '{field} 只能是 {grantType}' },
  'gateway.oauth.invalid-request': { en: 'The token request is malformed: {reason}', 'zh-CN': '令牌请求格式有误：{reason}' },
  'gateway.oauth.invalid-scope': { en: '{field} names unknown scopes', 'zh-CN': '{field} 中含有不存在的权限范围' },
  'gateway.oauth.client-missing': {
    en: 'Authenticate the client with {basic} or with {fields} in the body', 'zh-CN': '请通过 {basic} 或在请求体中提供 {fields} 进行应用身份验证',
  },
  'gateway.auth.role-not-allowed': { en: 'None of your roles may use this route', 'zh-CN': '您的角色都无权使用此接口' },
  'gateway.auth.password-change-required': {
    en: 'Choose a new password first ({route}); until then only your profile and signing out are available',
    'zh-CN': '请先修改初始密码（{route}），修改前只能查看个人信息或退出登录',
  },
  'gateway.idempotency.key-invalid': {
    en: 'The {field} header must be 1 to {max} printable ASCII characters', 'zh-CN': '请求头 {field} 须为 1 至 {max} 个字符，且只能是英文字母、数字、空格和半角符号',
  },
  'gateway.idempotency.key-reused': {
    en: 'This {header} was already used for another request ({method} {path}); send a new key for a new request',
    'zh-CN': '此 {header} 已用于另一个请求（{method} {path}）；新的请求请使用新的幂等键',
  },
  'gateway.idempotency.in-progress': {
    en: 'The first request with this {header} is still running; retry in {retryAfter} seconds',
    'zh-CN': '使用此 {header} 的首个请求仍在处理中，请 {retryAfter} 秒后重试',
  },
  'gateway.idempotency.answer-not-kept': {
    en: 'The request with this {header} has completed, but its answer (a file) was not kept; send a new key to repeat it',
    'zh-CN': '使用此 {header} 的请求已完成，但其应答（文件）未保存；如需重复该操作，请使用新的幂等键',
  },
  'gateway.idempotency.unavailable': {
    en: 'Idempotency keys cannot be checked right now (the message bus is unreachable); try again shortly',
    'zh-CN': '暂时无法核对幂等键（消息总线不可用），请稍后再试',
  },
  'gateway.import.mode-invalid': { en: 'mode must be one of {modes}', 'zh-CN': '导入方式必须是以下之一：{modes}' },
  'gateway.import.empty-invalid': { en: 'empty must be one of {rules}', 'zh-CN': '空白单元格的处理方式必须是以下之一：{rules}' },
  'gateway.import.dry-run-invalid': { en: 'dryRun must be true or false', 'zh-CN': '预览参数只能是 true 或 false' },

  // uploads and stored files
  'gateway.upload.not-multipart': { en: 'Send the file as {format} in a field named {field}', 'zh-CN': '请以 {format} 格式、在名为 {field} 的字段中上传文件' },
  'gateway.upload.no-file': { en: 'The request has no file', 'zh-CN': '请求中没有文件' },
  'gateway.upload.nul-in-name': { en: 'The file name must not contain the NUL character (\\u0000)', 'zh-CN': '文件名不能包含空字符（NUL）' },
  'gateway.upload.unreadable': { en: 'The multipart/form-data body could not be read: {reason}', 'zh-CN': '无法读取 multipart/form-data 请求体' },
  'gateway.upload.wrong-field': { en: 'The file must be sent in a field named {field}', 'zh-CN': '文件必须放在名为 {field} 的字段中上传' },
  'file.type-not-accepted': { en: 'Accepted file types: {extensions}', 'zh-CN': '只接受以下文件类型：{extensions}' },
  'file.too-large': { en: 'The file is larger than the limit of {maxMb} MB', 'zh-CN': '文件超过了 {maxMb} MB 的大小上限' },
  'file.gone': { en: 'The file is no longer stored', 'zh-CN': '该文件已不再保存' },

  // the message bus between the gateway and the services
  'bus.no-responder': { en: 'No service is answering {busSubject}; try again shortly', 'zh-CN': '暂时没有服务处理 {busSubject}，请稍后再试' },
  'bus.timeout': { en: 'The service did not answer {busSubject} in time', 'zh-CN': '服务未能及时响应 {busSubject}，请稍后再试' },
  'bus.disconnected': { en: 'The message bus cannot be reached; try again shortly', 'zh-CN': '暂时无法连接消息总线，请稍后再试' },
  'bus.connection-lost': {
    en: 'The connection to the message bus was lost while {busSubject} was in progress; check whether the change was made before repeating it',
    'zh-CN': '处理 {busSubject} 时与消息总线的连接中断；重试前请先确认操作是否已生效',
  },
  'bus.failed': { en: 'The message bus failed: {reason}', 'zh-CN': '消息总线出错：{reason}' },
  'bus.reply-unreadable': { en: 'The reply to {busSubject} could not be read from the file store: {reason}', 'zh-CN': '无法从文件存储读取 {busSubject} 的应答：{reason}' },

  // a service's own database
  'database.unavailable': { en: 'The service cannot reach its database; try again shortly', 'zh-CN': '服务暂时无法连接数据库，请稍后再试' },

  // callers and access tokens
  'auth.not-access-token': { en: 'Not an access token', 'zh-CN': '这不是访问令牌' },
  'auth.token-expired': { en: 'The access token has expired', 'zh-CN': '访问令牌已过期，请重新登录' },
  'auth.token-invalid': { en: 'The access token is not valid', 'zh-CN': '访问令牌无效，请重新登录' },
  'auth.session-ended': { en: 'The session of this access token has ended; sign in again', 'zh-CN': '此访问令牌所属的会话已结束，请重新登录' },
  'auth.token-revoked': { en: 'The access token was revoked; refresh it or sign in again', 'zh-CN': '此访问令牌已被撤销，请刷新或重新登录' },
  'auth.login-throttled': {
    en: 'Too many failed sign-ins for this account from your address; try again in {retryAfter} s',
    'zh-CN': '该账号从您的地址登录失败次数过多，请 {retryAfter} 秒后再试',
  },
  'auth.client-scope-missing': {
    en: "The API client's token holds no scope that allows this: {scopes}", 'zh-CN': '该应用的访问令牌没有执行此操作所需的权限范围：{scopes}',
  },
  'auth.no-caller': { en: 'The message carries no caller', 'zh-CN': '请求没有携带调用者身份' },

  // lists
  'list.sort-invalid': { en: 'sort must be one of {values}', 'zh-CN': '排序方式必须是以下之一：{values}' },
} as const satisfies Record<string, MessageTemplates>;
