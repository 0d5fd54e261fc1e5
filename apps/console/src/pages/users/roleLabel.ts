import type { TFunction } from 'i18next';
import type { AssignmentView } from '@jiaolian/api-client';

/** "学校管理员 · 青山村小学" */
export const assignmentLabel = (t: TFunction, a: AssignmentView): string =>
  a.scopeName ? `${t(`roles.${a.role}`)} · ${a.scopeName}` : t(`roles.${a.role}`);
