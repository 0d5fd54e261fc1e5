import { App, Alert, Button, Card, Input, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { CalendarOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/AuthProvider';
import { ProblemAlert } from '../../components/ProblemAlert';
import { problemMessage } from '../../components/problem';
import { useMyWeek, useRotateWeekFeed, useWeekFeedToken, type WeekEntryView } from './api';
import './my-week.css';

dayjs.extend(utc);

const TIME_ZONE_OFFSET_MINUTES = 8 * 60;
/** Times are shown in China's clock (Asia/Shanghai, UTC+8 all year), whatever the browser's zone. */
const local = (iso: string) => dayjs(iso).utc().add(TIME_ZONE_OFFSET_MINUTES, 'minute');
const origin = (): string => import.meta.env.VITE_GATEWAY_URL || globalThis.location?.origin || '';

/** 我的一周: a teacher's lessons, activities, bookings and mentorship lessons, Monday to Sunday. */
export function MyWeekPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [from, setFrom] = useState<string | undefined>();
  const [subscribing, setSubscribing] = useState(false);
  const week = useMyWeek(from);
  const data = week.data;
  const shift = (days: number) => data && setFrom(dayjs(data.from).add(days, 'day').format('YYYY-MM-DD'));
  const days = data ? Array.from({ length: 7 }, (_, i) => dayjs(data.from).add(i, 'day').format('YYYY-MM-DD')) : [];
  const today = local(new Date().toISOString()).format('YYYY-MM-DD');
  const byDay = new Map<string, WeekEntryView[]>();
  for (const entry of data?.entries ?? []) {
    const day = local(entry.startsAt).format('YYYY-MM-DD');
    byDay.set(day, [...(byDay.get(day) ?? []), entry]);
  }
  const missing = (data?.sources ?? []).filter((s) => !s.available).map((s) => t(`myWeek.kind.${s.kind}`));

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={1} style={{ margin: 0 }}>{t('myWeek.week.title')}</Typography.Title>
        <Space wrap>
          <Button icon={<LeftOutlined />} aria-label={t('myWeek.week.previous')} onClick={() => shift(-7)} />
          <Button onClick={() => setFrom(undefined)}>{t('myWeek.week.thisWeek')}</Button>
          <Button icon={<RightOutlined />} aria-label={t('myWeek.week.next')} onClick={() => shift(7)} />
          <Button icon={<CalendarOutlined />} onClick={() => setSubscribing(true)}>{t('myWeek.week.subscribe')}</Button>
        </Space>
      </Space>
      {data ? <Typography.Paragraph type="secondary" data-testid="week-range">{t('myWeek.week.range', { from: data.from, to: data.to })}</Typography.Paragraph> : null}
      {week.error ? <ProblemAlert error={week.error} onRetry={() => void week.refetch()} /> : null}
      {data && !data.teacherId && !me.teacherId ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('myWeek.week.noTeacher')} /> : null}
      {missing.length ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('myWeek.week.unavailable', { kinds: missing.join('、') })} /> : null}
      {data && !data.entries.length ? (
        <Card style={{ marginBottom: 12 }}>
          <Typography.Text strong>{t('myWeek.week.empty')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('myWeek.week.emptyHint')}</Typography.Paragraph>
        </Card>
      ) : null}
      <div className="jl-week" aria-busy={week.isFetching}>
        {days.map((day, i) => (
          <section key={day} className={`jl-week__day${day === today ? ' jl-week__day--today' : ''}`} aria-label={`${t(`myWeek.weekday.${i + 1}`)} ${day}`}>
            <div className="jl-week__head">{t(`myWeek.weekday.${i + 1}`)} <Typography.Text type="secondary">{dayjs(day).format('MM-DD')}</Typography.Text></div>
            {(byDay.get(day) ?? []).map((entry) => (
              <div key={`${entry.kind}-${entry.id}`} className={`jl-week__entry jl-week__entry--${entry.kind}`} data-testid="week-entry">
                <div className="jl-week__time">{local(entry.startsAt).format('HH:mm')}–{local(entry.endsAt).format('HH:mm')}</div>
                <div><Tag bordered={false} style={{ marginInlineEnd: 4 }}>{t(`myWeek.kind.${entry.kind}`)}</Tag>{entry.title}</div>
                {entry.place ? <Typography.Text type="secondary">{entry.place}</Typography.Text> : null}
                {entry.kind === 'booking' && entry.detail ? <div><Tag color={entry.detail === 'approved' ? 'green' : 'gold'}>{t(`myWeek.bookingStatus.${entry.detail}`, { defaultValue: entry.detail })}</Tag></div> : null}
              </div>
            ))}
            {!byDay.get(day)?.length ? <div className="jl-week__free">{t('myWeek.week.free')}</div> : null}
          </section>
        ))}
      </div>
      <WeekFeedModal open={subscribing} onClose={() => setSubscribing(false)} />
    </>
  );
}

function WeekFeedModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const token = useWeekFeedToken(open);
  const rotate = useRotateWeekFeed();
  const url = token.data?.feedPath ? `${origin()}${token.data.feedPath}` : undefined;
  const run = () => rotate.mutate(undefined, { onError: (e) => void message.error(problemMessage(t, e)) });
  return (
    <Modal title={t('myWeek.week.subscribeTitle')} open={open} onCancel={onClose} footer={null} destroyOnHidden width={640}>
      <Typography.Paragraph>{t('myWeek.week.subscribeHint')}</Typography.Paragraph>
      {token.error ? <ProblemAlert error={token.error} onRetry={() => void token.refetch()} /> : null}
      <Space direction="vertical" style={{ width: '100%' }}>
        {url ? (
          <Space.Compact style={{ width: '100%' }}>
            <Input readOnly value={url} aria-label="week-feed-url" data-testid="week-feed-url" />
            <Button onClick={() => void navigator.clipboard?.writeText(url).then(() => message.success(t('myWeek.week.copied')), () => undefined)}>{t('myWeek.week.copy')}</Button>
          </Space.Compact>
        ) : null}
        {url ? (
          <Popconfirm title={t('myWeek.week.rotateFeed')} onConfirm={run} okText={t('common.confirm')} cancelText={t('common.cancel')}>
            <Button loading={rotate.isPending}>{t('myWeek.week.rotateFeed')}</Button>
          </Popconfirm>
        ) : (
          <Button type="primary" loading={rotate.isPending || token.isPending} onClick={run}>{t('myWeek.week.createFeed')}</Button>
        )}
      </Space>
    </Modal>
  );
}
