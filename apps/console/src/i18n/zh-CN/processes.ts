/** The overview page's table of supervised processes (GET /system/processes). */
export const processesZhCN = {
  title: '进程守护',
  unsupervised: '本部署的进程不由启动器守护（例如运行在 Kubernetes 上，由集群负责重启）。',
  supervisor: '守护进程 {{pid}} · 主机 {{host}} · 启动于 {{startedAt}}',
  empty: '暂无进程',
  name: '进程',
  role: '类型',
  state: '状态',
  pid: '进程号',
  restarts: '重启次数',
  lastExit: '上次退出',
  since: '状态开始于',
  nextAttempt: '将于 {{time}} 重启',
  exitSignal: '被信号 {{signal}} 终止',
  exitCode: '退出码 {{code}}',
  roles: { infrastructure: '基础设施', service: '业务服务', gateway: '网关', console: '控制台' },
  states: { starting: '启动中', running: '运行中', 'backing-off': '等待重启', stopped: '已停止' },
};
