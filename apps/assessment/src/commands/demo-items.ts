import { SCORE_COLUMNS, type PaperItemDto } from '@jiaolian/contracts';
import { DEMO_SUBJECTS } from './demo-scores.js';

/*
 * The demo papers and item scores: every demo subject a 25-item paper (15 objective items of 2 marks,
 * 10 subjective items of 7), and each student's items generated to add up exactly to the subject
 * score the demo score sheet gave them. One objective item of each paper is written so that weaker
 * students get it right more often (as a miskeyed item would), so the analysis has a flag to show.
 */

const KNOWLEDGE_POINTS: Record<string, string[]> = {
  语文: ['字词积累', '古诗文默写', '现代文阅读', '文言文阅读', '写作'],
  数学: ['数与运算', '比和比例', '图形与几何', '统计与概率', '解决问题'],
  英语: ['词汇', '语法', '听力理解', '阅读理解', '书面表达'],
};
const ABILITIES = ['识记', '理解', '应用', '分析综合'];
const LETTERS = 'ABCD';
export const OBJECTIVE_ITEMS = 15;
export const SUBJECTIVE_ITEMS = 10;
const OBJECTIVE_MARKS = 2;
const SUBJECTIVE_MARKS = 7;
/** The objective item (1-based) that weaker students answer better. */
export const MISLEADING_ITEM = 9;

export function demoPaper(subject: string): PaperItemDto[] {
  const points = KNOWLEDGE_POINTS[subject] ?? ['基础知识'];
  const items: PaperItemDto[] = [];
  for (let i = 1; i <= OBJECTIVE_ITEMS + SUBJECTIVE_ITEMS; i += 1) {
    const objective = i <= OBJECTIVE_ITEMS;
    items.push({
      no: String(i), section: objective ? '一、选择题' : '二、非选择题', fullMarks: objective ? OBJECTIVE_MARKS : SUBJECTIVE_MARKS,
      type: objective ? 'objective' : 'subjective', ...(objective ? { key: LETTERS[(i * 7) % 4] as string } : {}),
      knowledgePoints: [points[(i - 1) % points.length] as string], abilities: [ABILITIES[(i - 1) % ABILITIES.length] as string],
    });
  }
  return items;
}

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

/**
 * One CSV per subject from the demo score sheet's CSV: the students with a score in the subject, their
 * objective items as chosen options and their subjective items in half marks, adding up to the score.
 */
export function demoItemSheets(scoreCsv: string): Map<string, { csv: string; students: number }> {
  const [header, ...lines] = scoreCsv.trim().split('\n');
  const columns = (header as string).split(',');
  const sheets = new Map<string, { csv: string; students: number }>();
  DEMO_SUBJECTS.forEach((subject, s) => {
    const next = random(20261201 + s);
    const paper = demoPaper(subject.name);
    const at = columns.indexOf(subject.name);
    const out = [[SCORE_COLUMNS.studentNo, SCORE_COLUMNS.studentName, SCORE_COLUMNS.school, SCORE_COLUMNS.className, subject.name, ...paper.map((i) => i.no)].join(',')];
    for (const line of lines) {
      const cells = line.split(',');
      const text = cells[at] ?? '';
      if (!text) continue;
      const score = Number(text);
      const share = score / subject.fullMarks;
      // objective items right by the student's share and the item's difficulty; one item the other way round
      const right = paper.slice(0, OBJECTIVE_ITEMS).map((_, j) => {
        const difficulty = 0.25 + (j % 5) * 0.12;
        const p = j + 1 === MISLEADING_ITEM ? 1.1 - share : Math.min(0.97, share + 0.35 - difficulty);
        return next() < p;
      });
      // the subjective items take what is left: 0 to 70 marks, so the count of right answers is bounded
      const least = Math.max(0, Math.ceil((score - SUBJECTIVE_ITEMS * SUBJECTIVE_MARKS) / OBJECTIVE_MARKS));
      const most = Math.min(OBJECTIVE_ITEMS, Math.floor(score / OBJECTIVE_MARKS));
      let count = right.filter(Boolean).length;
      for (let j = 0; count < least && j < right.length; j += 1) if (!right[j] && j + 1 !== MISLEADING_ITEM) { right[j] = true; count += 1; }
      for (let j = right.length - 1; count > most && j >= 0; j -= 1) if (right[j] && j + 1 !== MISLEADING_ITEM) { right[j] = false; count -= 1; }
      for (let j = right.length - 1; count < least && j >= 0; j -= 1) if (!right[j]) { right[j] = true; count += 1; }
      for (let j = 0; count > most && j < right.length; j += 1) if (right[j]) { right[j] = false; count -= 1; }
      const options = paper.slice(0, OBJECTIVE_ITEMS).map((item, j) => {
        if (right[j]) return item.key as string;
        const wrong = LETTERS.replace(item.key as string, '');
        return wrong[Math.floor(next() * wrong.length)] as string;
      });
      // the rest in half marks over the subjective items, each at most 7, harder items later getting less
      let halves = Math.round((score - count * OBJECTIVE_MARKS) * 2);
      const cap = SUBJECTIVE_MARKS * 2;
      const weights = Array.from({ length: SUBJECTIVE_ITEMS }, (_, j) => 1.4 - j * 0.07 + next() * 0.3);
      const total = weights.reduce((a, b) => a + b, 0);
      const given = weights.map((w) => Math.min(cap, Math.floor((halves * w) / total)));
      halves -= given.reduce((a, b) => a + b, 0);
      for (let j = 0; halves > 0; j = (j + 1) % SUBJECTIVE_ITEMS) if ((given[j] as number) < cap) { given[j] = (given[j] as number) + 1; halves -= 1; }
      out.push([cells[0], cells[1], cells[2], cells[3], text, ...options, ...given.map((h) => String(h / 2))].join(','));
    }
    sheets.set(subject.name, { csv: `${out.join('\n')}\n`, students: out.length - 1 });
  });
  return sheets;
}
