import { CalendarOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Badge, Button, Calendar, Card, Input, List, Popover, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../../auth/AuthProvider';
import { hasRole } from '../../auth/roles';
import { sortOrderOf, toSort } from '../../components/format';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState } from '../../components/states';
import {
  ACTIVITY_KINDS, inShanghai, shanghaiDateTime, shanghaiDay, shanghaiTime, useActivities, useActivityAlliances, useOccurrences,
  type ActivityKind, type ActivityQuery, type ActivityView, type OccurrenceView,
} from './api';
import { KindTag, placeText } from './labels';
import { SubscribeModal } from './SubscribeModal';

type View = 'calendar' | 'agenda' | 'table';
interface Filters { allianceId?: string; kind?: ActivityKind }

/** The activity calendar (month), an agenda of the coming weeks and a searchable list, filtered by alliance and kind. */
export function ActivitiesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [view, setView] = useState<View>('calendar');
  const [filters, setFilters] = useState<Filters>({});
  const [subscribing, setSubscribing] = useState(false);
  const alliances = useActivityAlliances();
  const mayCreate = hasRole(me, 'platform_admin', 'district_admin', 'alliance_admin', 'school_admin');
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <div>
          <Typography.Title level={1} style={{ margin: 0 }}>{t('activities.list.title')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('activities.list.subtitle')}</Typography.Paragraph>
        </div>
        <Space>
          <Button icon={<CalendarOutlined />} onClick={() => setSubscribing(true)}>{t('activities.list.subscribe')}</Button>
          {mayCreate && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/activities/new')}>{t('activities.list.create')}</Button>}
        </Space>
      </Space>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<View> value={view} onChange={setView} options={[
          { value: 'calendar', label: t('activities.list.calendar') }, { value: 'agenda', label: t('activities.list.agenda') }, { value: 'table', label: t('activities.list.table') },
        ]} />
        <Select
          allowClear placeholder={t('activities.fields.alliance')} aria-label={t('activities.fields.alliance')} style={{ width: 240 }} value={filters.allianceId}
          loading={alliances.isPending} onChange={(allianceId) => setFilters((f) => ({ ...f, allianceId }))}
          options={(alliances.data?.alliances ?? []).map((a) => ({ value: a.allianceId, label: a.name }))}
        />
        <Select<ActivityKind>
          allowClear placeholder={t('activities.fields.kind')} aria-label={t('activities.fields.kind')} style={{ width: 200 }} value={filters.kind}
          onChange={(kind) => setFilters((f) => ({ ...f, kind }))} options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activities.kind.${k}`) }))}
        />
      </Space>
      {view === 'calendar' && <MonthView filters={filters} />}
      {view === 'agenda' && <AgendaView filters={filters} />}
      {view === 'table' && <TableView filters={filters} />}
      <SubscribeModal open={subscribing} onClose={() => setSubscribing(false)} />
    </>
  );
}

const occurrenceLink = (o: OccurrenceView): string => `/activities/${o.activityId}?occurrence=${encodeURIComponent(o.occurrenceStart)}`;

function MonthView({ filters }: { filters: Filters }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const from = month.startOf('month').subtract(7, 'day').startOf('day');
  const to = month.endOf('month').add(7, 'day').endOf('day');
  const occurrences = useOccurrences({ from: from.toISOString(), to: to.toISOString(), ...filters });
  const byDay = useMemo(() => {
    const map = new Map<string, OccurrenceView[]>();
    for (const o of occurrences.data?.items ?? []) map.set(shanghaiDay(o.startsAt), [...(map.get(shanghaiDay(o.startsAt)) ?? []), o]);
    return map;
  }, [occurrences.data]);
  return (
    <Card>
      {occurrences.error ? <ProblemAlert error={occurrences.error} onRetry={() => void occurrences.refetch()} /> : null}
      <Calendar
        value={month} onPanelChange={setMonth} onSelect={setMonth}
        // the month is chosen with labelled buttons: antd's own header selects have no accessible name
        headerRender={({ value, onChange }) => (
          <Space style={{ justifyContent: 'flex-end', width: '100%', marginBottom: 8 }}>
            <Button icon={<LeftOutlined />} aria-label={t('activities.list.previousMonth')} onClick={() => onChange(value.subtract(1, 'month'))} />
            <Typography.Text strong aria-live="polite" style={{ minWidth: 96, textAlign: 'center', display: 'inline-block' }}>{value.format(t('activities.list.monthFormat'))}</Typography.Text>
            <Button icon={<RightOutlined />} aria-label={t('activities.list.nextMonth')} onClick={() => onChange(value.add(1, 'month'))} />
            <Button onClick={() => onChange(dayjs())}>{t('activities.list.thisMonth')}</Button>
          </Space>
        )}
        cellRender={(day, info) => {
          if (info.type !== 'date') return info.originNode;
          const items = byDay.get(day.format('YYYY-MM-DD')) ?? [];
          return (
            <div>
              {items.slice(0, 3).map((o) => (
                <Popover key={`${o.activityId}-${o.occurrenceStart}`} title={o.title} content={<div>{shanghaiDateTime(o.startsAt)} – {shanghaiTime(o.endsAt)}<br />{o.alliance.name} · {o.organiserSchool.name}<br />{placeText(o.place)}{o.status === 'cancelled' && o.cancelReason ? <><br /><Typography.Text type="danger">{t('activities.status.cancelled')}：{o.cancelReason}</Typography.Text></> : null}</div>}>
                  <Link to={occurrenceLink(o)} onClick={(e) => e.stopPropagation()}>
                    <Badge status={o.status === 'cancelled' ? 'default' : 'processing'} text={<span style={{ textDecoration: o.status === 'cancelled' ? 'line-through' : undefined }}>{`${shanghaiTime(o.startsAt)} ${o.title}`}</span>} />
                  </Link>
                </Popover>
              ))}
              {items.length > 3 && <Typography.Text type="secondary">{t('activities.list.more', { count: items.length - 3 })}</Typography.Text>}
            </div>
          );
        }}
      />
    </Card>
  );
}

function AgendaView({ filters }: { filters: Filters }) {
  const { t } = useTranslation();
  const [from] = useState(() => dayjs().startOf('day'));
  const occurrences = useOccurrences({ from: from.toISOString(), to: from.add(60, 'day').toISOString(), ...filters });
  const items = occurrences.data?.items ?? [];
  return (
    <Card title={t('activities.list.agendaRange')}>
      {occurrences.error ? <ProblemAlert error={occurrences.error} onRetry={() => void occurrences.refetch()} /> : null}
      <List<OccurrenceView>
        loading={occurrences.isPending}
        dataSource={items}
        locale={{ emptyText: <EmptyState title={t('activities.list.empty')} hint={t('activities.list.emptyHint')} /> }}
        renderItem={(o) => (
          <List.Item>
            <List.Item.Meta
              avatar={<div style={{ width: 96 }}><div style={{ fontWeight: 600 }}>{inShanghai(o.startsAt).format('MM-DD ddd')}</div><Typography.Text type="secondary">{shanghaiTime(o.startsAt)}–{shanghaiTime(o.endsAt)}</Typography.Text></div>}
              title={<Space><Link to={occurrenceLink(o)}>{o.title}</Link><KindTag kind={o.kind} />{o.recurring && <Tag>{t('activities.list.recurring')}</Tag>}{o.status === 'cancelled' && <Tag color="red">{t('activities.status.cancelled')}</Tag>}</Space>}
              description={`${o.alliance.name} · ${o.organiserSchool.name} · ${placeText(o.place)}`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

function TableView({ filters }: { filters: Filters }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState<ActivityQuery>({ page: 1, pageSize: 20, sort: '-startsAt' });
  const activities = useActivities({ ...query, ...filters });
  return (
    <Card>
      <Input.Search allowClear placeholder={t('activities.list.search')} aria-label={t('activities.list.search')} style={{ maxWidth: 360, marginBottom: 16 }} onSearch={(q) => setQuery((x) => ({ ...x, page: 1, q: q || undefined }))} />
      {activities.error ? <ProblemAlert error={activities.error} onRetry={() => void activities.refetch()} /> : null}
      <Table<ActivityView>
        rowKey="id" loading={activities.isFetching} dataSource={activities.data?.items ?? []}
        onChange={(p, _f, sorter) => setQuery((x) => ({ ...x, page: p.current ?? 1, pageSize: p.pageSize ?? 20, sort: toSort(sorter) ?? '-startsAt' }))}
        pagination={{ current: query.page, pageSize: query.pageSize, total: activities.data?.total ?? 0, showTotal: (total) => t('common.total', { total }) }}
        locale={{ emptyText: activities.isPending ? ' ' : <EmptyState title={t('activities.list.empty')} hint={t('activities.list.emptyHint')} /> }}
        columns={[
          { title: t('activities.fields.title'), dataIndex: 'title', sorter: true, sortOrder: sortOrderOf(query.sort, 'title'), render: (title: string, a) => <Link to={`/activities/${a.id}`}>{title}</Link> },
          { title: t('activities.fields.kind'), dataIndex: 'kind', render: (kind: ActivityKind) => <KindTag kind={kind} /> },
          { title: t('activities.fields.startsAt'), dataIndex: 'startsAt', sorter: true, sortOrder: sortOrderOf(query.sort, 'startsAt'), render: (s: string, a) => <Space direction="vertical" size={0}>{shanghaiDateTime(s)}{a.recurrence && <Typography.Text type="secondary">{t(`activities.freq.${a.recurrence.freq}`)}</Typography.Text>}</Space> },
          { title: t('activities.fields.alliance'), dataIndex: ['alliance', 'name'] },
          { title: t('activities.fields.organiser'), dataIndex: ['organiserSchool', 'name'] },
          { title: t('activities.fields.status'), dataIndex: 'status', render: (s: ActivityView['status']) => <Tag color={s === 'cancelled' ? 'red' : 'green'}>{t(`activities.status.${s}`)}</Tag> },
        ]}
      />
    </Card>
  );
}
