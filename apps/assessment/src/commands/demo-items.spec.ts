import { demoScoreSheet, DEMO_SUBJECTS } from './demo-scores.js';
import { demoItemSheets, demoPaper } from './demo-items.js';

describe('demo item sheets', () => {
  const scores = demoScoreSheet();
  const sheets = demoItemSheets(scores.csv);

  it.each(DEMO_SUBJECTS.map((s) => s.name))('%s: a 25-item paper of 100 marks', (subject) => {
    expect(demoPaper(subject).reduce((a, i) => a + i.fullMarks, 0)).toBe(100);
  });

  it.each(DEMO_SUBJECTS.map((s) => s.name))('%s: every student\'s items add up to their subject score, within each item\'s marks', (subject) => {
    const paper = demoPaper(subject);
    const [, ...rows] = (sheets.get(subject)?.csv ?? '').trim().split('\n');
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) {
      const cells = row.split(',');
      const items = cells.slice(5).map((cell, j) => {
        const item = paper[j]!;
        if (item.type === 'objective') return cell === item.key ? item.fullMarks : 0;
        return Number(cell);
      });
      items.forEach((x, j) => expect(x).toBeLessThanOrEqual(paper[j]!.fullMarks));
      expect(items.reduce((a, b) => a + b, 0)).toBe(Number(cells[4]));
    }
  });
});
