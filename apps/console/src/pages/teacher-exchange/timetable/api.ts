import { useQuery } from '@tanstack/react-query';
import { unwrap, type Schemas } from '@jiaolian/api-client';
import { api } from '../../../api/client';

export type SlotView = Schemas['SlotView'];
export type SlotSavedView = Schemas['SlotSavedView'];
export type SlotWeekView = Schemas['SlotWeekView'];
export type TravelWarning = Schemas['TravelWarningView'];
export type SlotFields = Schemas['UpdateSlotDto'];

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export const timetableKeys = {
  all: ['te-slots'] as const,
  ofPlacement: (placementId: string) => ['te-slots', 'placement', placementId] as const,
  week: (by: 'teacher' | 'school', id: string, on: string | undefined) => ['te-slots', 'week', by, id, on ?? 'today'] as const,
};

/** Every slot of one placement (a placement has a few dozen at most). */
export const usePlacementSlots = (placementId: string | undefined) =>
  useQuery({
    queryKey: timetableKeys.ofPlacement(placementId ?? ''),
    queryFn: () => unwrap(api.http.GET('/api/v1/teacher-exchange/slots', { params: { query: { placementId: placementId ?? '', pageSize: 200, sort: 'weekday' } } })),
    enabled: Boolean(placementId),
  });

export const useWeek = (by: 'teacher' | 'school', id: string | undefined, on: string | undefined) =>
  useQuery({
    queryKey: timetableKeys.week(by, id ?? '', on),
    queryFn: () => unwrap(api.http.GET('/api/v1/teacher-exchange/slots/week', {
      params: { query: { ...(by === 'teacher' ? { teacherId: id } : { schoolId: id }), on } },
    })),
    enabled: Boolean(id),
  });

export const usePlacement = (id: string | undefined) =>
  useQuery({
    queryKey: ['te-placement', id ?? ''] as const,
    queryFn: () => unwrap(api.http.GET('/api/v1/teacher-exchange/placements/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: Boolean(id),
  });

export const saveSlot = (placementId: string, id: string | undefined, fields: SlotFields): Promise<SlotSavedView> => (id
  ? unwrap(api.http.PATCH('/api/v1/teacher-exchange/slots/{id}', { params: { path: { id } }, body: fields }))
  : unwrap(api.http.POST('/api/v1/teacher-exchange/slots', { body: { ...fields, placementId } })));

export const deleteSlot = (id: string): Promise<unknown> => unwrap(api.http.DELETE('/api/v1/teacher-exchange/slots/{id}', { params: { path: { id } } }));

/** Minutes since midnight of HH:MM. */
export const minutesOf = (time: string): number => {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

// dark enough for text on white and on the colour's own tint (WCAG AA), as the legend's tags show them
const PALETTE = ['#0958d9', '#237804', '#ad4e00', '#9e1068', '#531dab', '#006d75', '#876800', '#a8071a'];

/** One colour per school, stable within a page: in the order the schools first appear. */
export function schoolColours(slots: readonly { schoolId: string }[]): Map<string, string> {
  const colours = new Map<string, string>();
  for (const s of slots) if (!colours.has(s.schoolId)) colours.set(s.schoolId, PALETTE[colours.size % PALETTE.length] as string);
  return colours;
}
