import { Card, DatePicker, Radio, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../auth/AuthProvider';
import { mySchool } from '../../../auth/roles';
import { formatDate } from '../../../components/format';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { SchoolSelect } from '../../../components/SchoolSelect';
import { EmptyState } from '../../../components/states';
import { TeacherPicker } from '../PlacementFormPage';
import { useWeek } from './api';
import { TravelWarnings, WeekGrid } from './WeekGrid';

/** The itinerant week of a school (lessons it hosts, lessons its teachers give elsewhere) or of a teacher. */
export function TimetablePage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [by, setBy] = useState<'school' | 'teacher'>('school');
  const [schoolId, setSchoolId] = useState<string | undefined>(mySchool(me)?.id);
  const [teacherId, setTeacherId] = useState<string | undefined>();
  const [day, setDay] = useState<Dayjs>(dayjs());
  const id = by === 'school' ? schoolId : teacherId;
  const week = useWeek(by, id, day.format('YYYY-MM-DD'));
  const slots = week.data?.slots ?? [];

  return (
    <>
      <Typography.Title level={1}>{t('teacherExchange.timetable.title')}</Typography.Title>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Radio.Group optionType="button" value={by} onChange={(e) => setBy(e.target.value as 'school' | 'teacher')}
            options={[{ value: 'school', label: t('teacherExchange.timetable.bySchool') }, { value: 'teacher', label: t('teacherExchange.timetable.byTeacher') }]} />
          {by === 'school'
            ? <div style={{ width: 280 }}><SchoolSelect value={schoolId} onChange={setSchoolId} placeholder={t('teacherExchange.timetable.fields.school')} /></div>
            : <div style={{ width: 280 }}><TeacherPicker value={teacherId} onChange={setTeacherId} /></div>}
          <DatePicker value={day} onChange={(d) => setDay(d ?? dayjs())} allowClear={false} aria-label={t('teacherExchange.timetable.on')} />
          {week.data && <Typography.Text type="secondary">{t('teacherExchange.timetable.weekOf', { start: formatDate(week.data.weekStart) })}</Typography.Text>}
        </Space>
        {week.error ? <ProblemAlert error={week.error} onRetry={() => void week.refetch()} /> : null}
        {!id ? <EmptyState title={t('teacherExchange.timetable.chooseHint')} />
          : week.isSuccess && slots.length === 0 ? <EmptyState title={t('teacherExchange.timetable.weekEmpty')} hint={t('teacherExchange.timetable.weekEmptyHint')} />
            : (
              <WeekGrid slots={slots} warnings={week.data?.travelWarnings}
                subtitle={by === 'school'
                  ? (s) => `${s.teacherName} · ${s.schoolId === schoolId ? t('teacherExchange.timetable.hosted') : `${t('teacherExchange.timetable.sent')} ${s.schoolName}`}`
                  : (s) => s.schoolName}
                onOpen={(s) => navigate(`/teacher-exchange/placements/${s.placementId}/timetable`)} />
            )}
        <TravelWarnings slots={slots} warnings={week.data?.travelWarnings ?? []} />
      </Card>
    </>
  );
}
