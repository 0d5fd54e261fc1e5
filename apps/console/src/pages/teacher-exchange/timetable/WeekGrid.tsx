import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { minutesOf, schoolColours, WEEKDAYS, type SlotView, type TravelWarning } from './api';

const HOUR_PX = 48;

interface Props {
  slots: SlotView[];
  warnings?: TravelWarning[];
  /** Shown in a slot's second line instead of the school (e.g. the teacher on a school's week). */
  subtitle?: (slot: SlotView) => string;
  onOpen?: (slot: SlotView) => void;
}

/** Mon–Sun × time of day; lessons in the colour of their school, tight transfers outlined in red. */
export function WeekGrid({ slots, warnings = [], subtitle, onOpen }: Props) {
  const { t } = useTranslation();
  const colours = schoolColours(slots);
  const tight = new Set(warnings.flatMap((w) => [w.fromSlotId, w.toSlotId]));
  const first = Math.min(8 * 60, ...slots.map((s) => minutesOf(s.startsAt)));
  const last = Math.max(17 * 60, ...slots.map((s) => minutesOf(s.endsAt)));
  const startHour = Math.floor(first / 60);
  const endHour = Math.ceil(last / 60);
  const hours = Array.from({ length: endHour - startHour }, (_, i) => startHour + i);
  const top = (minutes: number): number => ((minutes - startHour * 60) / 60) * HOUR_PX;
  const names = new Map(slots.map((s) => [s.schoolId, s.schoolName]));

  return (
    <div>
      <div style={{ marginBottom: 8 }}>
        {[...colours].map(([schoolId, colour]) => <Tag key={schoolId} color={colour}>{names.get(schoolId)}</Tag>)}
      </div>
      {/* a table of one header row and one row of seven day cells; the rows take no box (display: contents) so the CSS grid lays out the cells */}
      <div role="table" aria-label={t('teacherExchange.timetable.title')} style={{ display: 'grid', gridTemplateColumns: `48px repeat(7, minmax(90px, 1fr))`, border: '1px solid #f0f0f0' }}>
        <div role="row" style={{ display: 'contents' }}>
        <div role="cell" />
        {WEEKDAYS.map((d) => (
          <div key={d} role="columnheader" style={{ textAlign: 'center', padding: 4, fontWeight: 500, borderLeft: '1px solid #f0f0f0' }}>
            {t(`teacherExchange.timetable.weekdays.${d}`)}
          </div>
        ))}
        </div>
        <div role="row" style={{ display: 'contents' }}>
        <div role="cell" aria-hidden="true" style={{ position: 'relative', height: hours.length * HOUR_PX }}>
          {hours.map((h) => (
            <div key={h} style={{ position: 'absolute', top: (h - startHour) * HOUR_PX, right: 4, fontSize: 12, color: 'rgba(0, 0, 0, 0.6)' }}>{`${String(h).padStart(2, '0')}:00`}</div>
          ))}
        </div>
        {WEEKDAYS.map((d) => (
          <div key={d} role="cell" aria-label={t(`teacherExchange.timetable.weekdays.${d}`)} data-weekday={d} style={{ position: 'relative', height: hours.length * HOUR_PX, borderLeft: '1px solid #f0f0f0' }}>
            {hours.map((h) => <div key={h} style={{ position: 'absolute', top: (h - startHour) * HOUR_PX, left: 0, right: 0, borderTop: '1px dashed #f5f5f5' }} />)}
            {slots.filter((s) => s.weekday === d).map((s) => {
              const colour = colours.get(s.schoolId);
              const label = `${s.startsAt}–${s.endsAt} ${t(`teacherExchange.subject.${s.subject}`)} ${s.schoolName}`;
              // the button's name is its visible text (start, subject, school) with the end time read out too
              return (
                <Tooltip key={s.id} title={`${label} · ${t('teacherExchange.timetable.gradeLabel', { grade: s.grade })}${s.className ?? ''} · ${s.teacherName}${s.note ? ` · ${s.note}` : ''}`}>
                  <button type="button" data-testid="timetable-slot" onClick={() => onOpen?.(s)}
                    style={{
                      position: 'absolute', top: top(minutesOf(s.startsAt)), height: Math.max(18, top(minutesOf(s.endsAt)) - top(minutesOf(s.startsAt))), left: 2, right: 2,
                      overflow: 'hidden', textAlign: 'left', fontSize: 12, lineHeight: '16px', padding: '1px 4px', borderRadius: 4, cursor: onOpen ? 'pointer' : 'default',
                      background: `${colour}22`, borderLeft: `3px solid ${colour}`, borderTop: 'none', borderBottom: 'none',
                      borderRight: tight.has(s.id) ? '2px solid #ff4d4f' : 'none', outline: tight.has(s.id) ? '1px dashed #ff4d4f' : undefined,
                    }}>
                    <div><b>{s.startsAt}</b><span style={VISUALLY_HIDDEN}>–{s.endsAt}</span> {t(`teacherExchange.subject.${s.subject}`)}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{subtitle ? subtitle(s) : s.schoolName}</Typography.Text>
                  </button>
                </Tooltip>
              );
            })}
          </div>
        ))}
        </div>
      </div>
    </div>
  );
}

/** Read by screen readers, not shown. */
const VISUALLY_HIDDEN = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

/** The tight transfers, said in words under a grid. */
export function TravelWarnings({ slots, warnings }: { slots: SlotView[]; warnings: TravelWarning[] }) {
  const { t } = useTranslation();
  if (!warnings.length) return null;
  const byId = new Map(slots.map((s) => [s.id, s]));
  return (
    <div role="status" style={{ marginTop: 12 }}>
      <Typography.Text type="warning" strong>{t('teacherExchange.timetable.travelTitle')}</Typography.Text>
      <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
        {warnings.map((w) => (
          <li key={`${w.fromSlotId}:${w.toSlotId}`}>
            {t('teacherExchange.timetable.travel', {
              weekday: t(`teacherExchange.timetable.weekdays.${w.weekday}`), from: byId.get(w.fromSlotId)?.schoolName ?? '', to: byId.get(w.toSlotId)?.schoolName ?? '',
              gap: w.gapMinutes, needed: w.neededMinutes,
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
