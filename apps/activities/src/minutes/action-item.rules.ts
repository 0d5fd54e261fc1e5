import type { ActionItemStatus } from '@jiaolian/contracts';
import { shanghaiDate } from '../common/time.js';

/** done once marked; overdue when its due date is before today in Asia/Shanghai; open otherwise. */
export function actionItemStatus(item: { doneAt: Date | null; dueOn: string }, now: Date): ActionItemStatus {
  if (item.doneAt) return 'done';
  return item.dueOn < shanghaiDate(now) ? 'overdue' : 'open';
}
