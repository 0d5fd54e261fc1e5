import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ExamStatus } from './api';

const COLORS: Record<ExamStatus, string> = { draft: 'default', open: 'processing', published: 'success', archived: 'purple' };

export function ExamStatusTag({ status }: { status: ExamStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[status]}>{t(`assessment.status.${status}`)}</Tag>;
}

/** `2026-2027-1` → 2026–2027 学年第一学期. */
export function termLabel(t: TFunction, term: string): string {
  const match = /^(\d{4})-(\d{4})-([12])$/.exec(term);
  if (!match) return term;
  return t('assessment.termLabel', { from: match[1], to: match[2], n: t(`assessment.termN.${match[3]}`) });
}

export const percent = (rate: number): string => `${(rate * 100).toFixed(1)}%`;
