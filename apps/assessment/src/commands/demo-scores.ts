import { SCORE_COLUMNS } from '@jiaolian/contracts';

/** The demo exam: the primary 教联体 of the demo county sits a mid-term exam in three subjects. */
export const DEMO_ALLIANCE = '清溪县实验小学教联体';
export const DEMO_EXAM = { term: '2026-2027-1', grade: '六年级', name: '期中统一检测' };
export const DEMO_SUBJECTS = [
  { name: '语文', fullMarks: 100, shift: 0, spread: 9 },
  { name: '数学', fullMarks: 100, shift: -2, spread: 13 },
  { name: '英语', fullMarks: 100, shift: -5, spread: 12 },
];

/** Schools differ in level (the analysis should say something): mean, classes and class size. */
export const DEMO_SCHOOLS = [
  { name: '清溪县实验小学', mean: 83, classes: 4, size: 42 },
  { name: '临溪镇中心小学', mean: 75, classes: 2, size: 36 },
  { name: '白沙乡溪口村小学', mean: 70, classes: 1, size: 14 },
  { name: '临溪镇下湾村小学', mean: 67, classes: 1, size: 16 },
  { name: '临溪镇枫岭村小学', mean: 63, classes: 1, size: 11 },
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾'.split('');
const GIVEN = ['子涵', '浩然', '欣怡', '梓轩', '雨桐', '宇航', '诗涵', '俊杰', '思彤', '博文', '佳怡', '嘉豪', '若曦', '一诺', '晨阳', '可馨', '明轩', '语嫣', '天佑', '雅琪'];

/** A small deterministic generator, so the demo looks the same on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The demo score sheet as CSV, one row per student: what a school's 教务处 would upload. */
export function demoScoreSheet(): { csv: string; classes: Map<string, string[]>; students: number } {
  const next = random(20261115);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const lines = [[SCORE_COLUMNS.studentNo, SCORE_COLUMNS.studentName, SCORE_COLUMNS.school, SCORE_COLUMNS.className, ...DEMO_SUBJECTS.map((s) => s.name)].join(',')];
  const classes = new Map<string, string[]>();
  let students = 0;
  DEMO_SCHOOLS.forEach((school, s) => {
    const names: string[] = [];
    for (let c = 1; c <= school.classes; c += 1) {
      const className = `六(${c})班`;
      names.push(className);
      const classShift = normal() * 2.5;
      for (let n = 1; n <= school.size; n += 1) {
        const ability = normal() * 0.8;
        const studentNo = `2026${String(s + 1).padStart(2, '0')}${c}${String(n).padStart(2, '0')}`;
        const name = `${SURNAMES[Math.floor(next() * SURNAMES.length)]}${GIVEN[Math.floor(next() * GIVEN.length)]}`;
        const scores = DEMO_SUBJECTS.map((subject) => {
          const raw = school.mean + subject.shift + classShift + subject.spread * (ability + normal() * 0.6);
          return String(Math.round(Math.min(subject.fullMarks, Math.max(8, raw)) * 2) / 2);
        });
        // one student in each village school missed the English paper
        if (n === 3 && school.classes === 1) scores[2] = '';
        lines.push([studentNo, name, school.name, className, ...scores].join(','));
        students += 1;
      }
    }
    classes.set(school.name, names);
  });
  return { csv: `${lines.join('\n')}\n`, classes, students };
}
