import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ITEM_COLORS, KIND_COLORS, type ActionItemStatus, type ActivityKind, type ActivityView, type OccurrenceView } from './api';

export function KindTag({ kind }: { kind: ActivityKind }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLORS[kind]}>{t(`activities.kind.${kind}`)}</Tag>;
}

export function ItemStatusTag({ status }: { status: ActionItemStatus }) {
  const { t } = useTranslation();
  return <Tag color={ITEM_COLORS[status]}>{t(`activities.itemStatus.${status}`)}</Tag>;
}

/** Where it happens, in one line: the school and room, the facility, or the link. */
export function placeText(place: ActivityView['place'] | OccurrenceView['place']): string {
  if (place.kind === 'online') return place.url ?? '';
  return [place.school?.name, place.facilityName].filter(Boolean).join(' · ');
}
