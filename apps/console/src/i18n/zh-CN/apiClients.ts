/** API clients (第三方应用): list, registration with scopes and reach, the secret shown once, rotation, revocation. zh-CN and English with identical keys. */
export const apiClientsZhCN = {
  nav: { apiClients: '第三方应用' },
  status: { active: '启用', revoked: '已吊销' },
  domains: {
    membership: '学校与联盟', exchange: '教师交流', curriculum: '课程资源', activities: '联盟活动', assessment: '质量监测', integrations: '增量同步与事件推送',
  },
  access: { read: '读取', write: '读写' },
  fields: {
    name: '应用名称', description: '说明', clientId: '应用编号（client_id）', scopes: '权限范围', reach: '访问范围', reachDistrict: '整个区县',
    reachAlliances: '指定联盟', rateLimit: '每分钟请求上限', status: '状态', createdAt: '登记时间', secretIssuedAt: '密钥签发时间',
  },
  list: {
    title: '第三方应用', subtitle: '区域教育平台、数据中心、家校应用等通过 OAuth2 客户端凭据接入开放接口', create: '登记应用', search: '搜索应用名称或编号',
    empty: '还没有第三方应用', emptyHint: '登记应用后，把应用编号和密钥交给对方的开发人员。', allStatuses: '全部状态',
  },
  form: {
    title: '登记第三方应用', scopesHint: '读写包含读取；只勾选对方确实需要的权限。', reachHint: '应用以教育局管理员或联盟管理员的身份看到所选范围内的数据。',
    scopesRequired: '请至少选择一项权限范围', reachRequired: '请选择整个区县或至少一个联盟', created: '应用已登记',
  },
  secret: {
    title: '请立即保存应用密钥', warning: '密钥只显示这一次，关闭后无法再次查看。如遗失，只能轮换生成新密钥。', copy: '复制', copied: '已复制到剪贴板',
    copyFailed: '无法复制，请手动选中后复制', done: '我已保存', previousExpires: '旧密钥将于 {{time}} 失效', clientSecret: '应用密钥（client_secret）',
  },
  rotate: {
    action: '轮换密钥', confirm: '生成新密钥？旧密钥在宽限期内仍可使用。', grace: '旧密钥宽限期', graceHours: '{{hours}} 小时', now: '立即失效', rotated: '已生成新密钥',
  },
  revoke: {
    action: '吊销', confirm: '吊销后该应用的密钥和访问令牌立即失效，且无法恢复。确定吊销？', revoked: '应用已吊销',
  },
};
