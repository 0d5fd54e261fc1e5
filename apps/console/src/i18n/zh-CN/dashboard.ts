/** The dashboard page: every service's key figures for the user's scope. */
export const dashboardZhCN = {
  title: '工作台',
  subtitle: '您负责范围内各项业务的关键数据',
  down: '暂不可用',
  downHint: '该服务暂未响应，数据稍后自动刷新。',
  empty: '暂无数据',
  services: {
    membership: '成员与联盟',
    'teacher-exchange': '教师交流',
    curriculum: '课程资源',
    activities: '联盟活动',
    assessment: '质量监测',
    integrations: '第三方集成',
  },
  figures: {
    schools: { total: '学校数' },
    alliances: { active: '运行中的教联体', memberSchools: '参与学校' },
    joinRequests: { pending: '待处理入盟申请' },
    changes: { last24h: '近 24 小时数据变更' },
  },
};
