import { Alert, Button, Card, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../auth/AuthProvider';
import { adminSchoolIds, isDistrictAdmin } from '../../../auth/roles';
import { formatDate } from '../../../components/format';
import { EmptyState, QueryBoundary } from '../../../components/states';
import { STATUS_COLORS, type PlacementView } from '../api';
import { usePlacement, usePlacementSlots, type SlotView } from './api';
import { SlotFormModal } from './SlotFormModal';
import { WeekGrid } from './WeekGrid';

const EDITABLE: PlacementView['status'][] = ['proposed', 'home_approved', 'approved', 'active'];

/** One placement's weekly timetable: the home and host school admins add, move and remove lessons. */
export function PlacementTimetablePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const placement = usePlacement(id);
  const slots = usePlacementSlots(id);
  const [editing, setEditing] = useState<{ slot?: SlotView } | undefined>();

  return (
    <QueryBoundary isPending={placement.isPending} error={placement.error} refetch={() => placement.refetch()}>
      {() => {
        const p = placement.data as PlacementView;
        const schools = adminSchoolIds(me);
        const canEdit = EDITABLE.includes(p.status) && (isDistrictAdmin(me) || schools.includes(p.homeSchoolId) || p.hosts.some((h) => schools.includes(h.schoolId)));
        const items = slots.data?.items ?? [];
        return (
          <>
            <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/teacher-exchange/placements')} style={{ paddingInline: 0 }}>{t('teacherExchange.timetable.back')}</Button>
            <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
              <Typography.Title level={1} style={{ margin: 0 }}>{t('teacherExchange.timetable.placementTitle', { teacher: p.teacherName })}</Typography.Title>
              {canEdit && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>{t('teacherExchange.timetable.add')}</Button>}
            </Space>
            <Card>
              <Space wrap style={{ marginBottom: 12 }}>
                <Tag>{t(`teacherExchange.kind.${p.kind}`)}</Tag>
                <Tag color={STATUS_COLORS[p.status]}>{t(`teacherExchange.status.${p.status}`)}</Tag>
                <span>{p.homeSchoolName} → {p.hosts.map((h) => h.schoolName).join('、')}</span>
                <Typography.Text type="secondary">{formatDate(p.startsOn)} ~ {formatDate(p.endsOn)}</Typography.Text>
              </Space>
              {!EDITABLE.includes(p.status) && <Alert type="info" showIcon title={t('teacherExchange.timetable.closed')} style={{ marginBottom: 12 }} />}
              {slots.isSuccess && items.length === 0
                ? <EmptyState title={t('teacherExchange.timetable.empty')} hint={canEdit ? t('teacherExchange.timetable.emptyHint') : undefined} />
                : <WeekGrid slots={items} onOpen={canEdit ? (slot) => setEditing({ slot }) : undefined} />}
            </Card>
            <SlotFormModal placement={p} slot={editing?.slot} defaultSchoolId={p.hosts.find((h) => schools.includes(h.schoolId))?.schoolId} open={Boolean(editing)} onClose={() => setEditing(undefined)} />
          </>
        );
      }}
    </QueryBoundary>
  );
}
