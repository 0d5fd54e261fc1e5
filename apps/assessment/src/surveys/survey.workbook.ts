import type { QuestionResultView, SurveyAudience, SurveyResultsView } from '@jiaolian/contracts';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';

const AUDIENCE_NAMES: Record<SurveyAudience, string> = { teachers: '教师', students: '学生', parents: '家长' };
const KIND_NAMES = { single: '单选题', multiple: '多选题', likert: '量表题', text: '问答题' } as const;

function writeQuestions(add: (values: (string | number)[]) => void, questions: QuestionResultView[]): void {
  for (const [i, q] of questions.entries()) {
    add([`${i + 1}. ${q.title}`, KIND_NAMES[q.kind], `作答 ${q.answered}`]);
    for (const o of q.options) add(['', o.label, o.count]);
    if (q.mean !== null) add(['', '平均分（1–5）', q.mean]);
    if (q.score !== null) add(['', '满意度（0–1）', q.score]);
    for (const t of q.texts) add(['', t]);
  }
}

/**
 * Writes the results: a sheet with the figures of all groups shown, a sheet per group shown, and a list of
 * the groups left out (their names only, never a count). Built from the tally the screen shows.
 */
export async function writeSurveyWorkbook(out: Writable, results: SurveyResultsView): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const groupName = (g: SurveyResultsView['groups'][number]): string =>
    [g.school?.name, g.audience ? AUDIENCE_NAMES[g.audience] : undefined].filter(Boolean).join(' · ');

  const overall = workbook.addWorksheet('总体');
  const add = (values: (string | number)[]): void => overall.addRow(values).commit();
  add([`${results.survey.term} ${results.survey.title}`]);
  add([`匿名：${results.survey.anonymous ? '是' : '否'}；每组至少 ${results.minGroupSize} 份答卷才显示结果；下列合计只含显示的组，共 ${results.shownResponses} 份`]);
  add([]);
  writeQuestions(add, results.overall);
  await overall.commit();

  const shown = results.groups.filter((g) => g.shown);
  for (const [i, g] of shown.entries()) {
    const sheet = workbook.addWorksheet(`${i + 1} ${groupName(g)}`.replace(/[\\/*?:[\]]/g, ' ').slice(0, 31));
    const addTo = (values: (string | number)[]): void => sheet.addRow(values).commit();
    addTo([groupName(g), `答卷 ${g.responses ?? 0} 份`]);
    addTo([]);
    writeQuestions(addTo, g.questions);
    await sheet.commit();
  }

  const hidden = results.groups.filter((g) => !g.shown);
  if (hidden.length) {
    const sheet = workbook.addWorksheet('未显示的组');
    sheet.addRow([`以下各组答卷少于 ${results.minGroupSize} 份，为保护作答者不显示结果`]).commit();
    for (const g of hidden) sheet.addRow([groupName(g)]).commit();
    await sheet.commit();
  }
  await workbook.commit();
}
