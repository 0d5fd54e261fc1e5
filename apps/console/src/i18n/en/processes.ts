/** The overview page's table of supervised processes (GET /system/processes). */
import type { processesZhCN } from '../zh-CN/processes';

export const processesEn: typeof processesZhCN = {
  title: 'Supervised processes',
  unsupervised: 'Nothing supervises the processes of this deployment (on Kubernetes, for instance, the cluster restarts them).',
  supervisor: 'Supervisor {{pid}} · host {{host}} · started {{startedAt}}',
  empty: 'No processes',
  name: 'Process',
  role: 'Kind',
  state: 'State',
  pid: 'PID',
  restarts: 'Restarts',
  lastExit: 'Last exit',
  since: 'In this state since',
  nextAttempt: 'restarts at {{time}}',
  exitSignal: 'killed by {{signal}}',
  exitCode: 'exit code {{code}}',
  roles: { infrastructure: 'Infrastructure', service: 'Service', gateway: 'Gateway', console: 'Console' },
  states: { starting: 'Starting', running: 'Running', 'backing-off': 'Backing off', stopped: 'Stopped' },
};
