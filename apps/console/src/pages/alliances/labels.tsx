import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AllianceStatus, JoinRequestStatus } from '@jiaolian/api-client';

const ALLIANCE_COLORS: Record<AllianceStatus, string> = { draft: 'default', active: 'green', dissolved: 'red' };
const REQUEST_COLORS: Record<JoinRequestStatus, string> = { pending: 'gold', accepted: 'green', declined: 'red', withdrawn: 'default' };

export function AllianceStatusTag({ status }: { status: AllianceStatus }) {
  const { t } = useTranslation();
  return <Tag color={ALLIANCE_COLORS[status]}>{t(`alliance.status.${status}`)}</Tag>;
}

export function JoinRequestStatusTag({ status }: { status: JoinRequestStatus }) {
  const { t } = useTranslation();
  return <Tag color={REQUEST_COLORS[status]}>{t(`joinRequest.status.${status}`)}</Tag>;
}
