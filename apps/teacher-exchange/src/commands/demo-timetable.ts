import type { TeacherSubject } from '@jiaolian/contracts';

/** One demo lesson: weekday, start, end, host school name, grade, class. */
export type DemoLesson = [weekday: number, startsAt: string, endsAt: string, school: string, grade: number, className: string];

/**
 * Weekly timetables of the demo's itinerant placements: village schools get the lessons they lack on fixed
 * afternoons (primary lessons 40 minutes, junior 45). The music teacher's Thursday leaves only 20 minutes
 * between 下湾 and 枫岭, so the demo shows a travel warning.
 */
export const DEMO_TIMETABLES: { placementNote: string; subject?: TeacherSubject; lessons: DemoLesson[] }[] = [
  {
    placementNote: '每周走教数学',
    lessons: [
      [1, '13:30', '14:10', '白沙乡溪口村小学', 4, '1班'], [1, '14:20', '15:00', '白沙乡溪口村小学', 5, '1班'],
      [2, '13:30', '14:10', '临溪镇下湾村小学', 4, '1班'], [2, '14:20', '15:00', '临溪镇下湾村小学', 5, '1班'],
      [3, '13:30', '14:10', '白沙乡溪口村小学', 4, '1班'], [3, '14:20', '15:00', '白沙乡溪口村小学', 5, '1班'],
      [4, '13:30', '14:10', '临溪镇下湾村小学', 4, '1班'], [4, '14:20', '15:00', '临溪镇下湾村小学', 5, '1班'],
      [5, '13:30', '14:10', '白沙乡溪口村小学', 4, '1班'], [5, '14:20', '15:00', '白沙乡溪口村小学', 6, '1班'],
    ],
  },
  {
    placementNote: '音乐走教，待枫岭村小确认',
    subject: 'music',
    lessons: [
      [2, '14:00', '14:40', '临溪镇枫岭村小学', 3, '1班'], [2, '14:50', '15:30', '临溪镇枫岭村小学', 4, '1班'],
      [4, '14:00', '14:40', '临溪镇下湾村小学', 3, '1班'], [4, '14:50', '15:30', '临溪镇下湾村小学', 4, '1班'],
      [4, '15:50', '16:30', '临溪镇枫岭村小学', 5, '1班'],
    ],
  },
  {
    placementNote: '化学走教',
    subject: 'chemistry',
    lessons: [
      [2, '08:00', '08:45', '临溪镇初级中学', 9, '1班'], [2, '08:55', '09:40', '临溪镇初级中学', 9, '2班'],
      [4, '08:00', '08:45', '临溪镇初级中学', 9, '1班'], [4, '08:55', '09:40', '临溪镇初级中学', 9, '2班'],
      [3, '14:00', '14:45', '石桥镇中学', 9, '1班'], [3, '14:55', '15:40', '石桥镇中学', 9, '2班'],
      [5, '14:00', '14:45', '石桥镇中学', 9, '1班'], [5, '14:55', '15:40', '石桥镇中学', 9, '2班'],
    ],
  },
];
