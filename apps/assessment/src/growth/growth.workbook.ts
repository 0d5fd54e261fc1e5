import type { GroupGrowthView, GrowthView } from '@jiaolian/contracts';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';

const HEADER = ['人数 n', '前测平均 T', '本次平均 T', '增长', '原始增值', '原始 95% 下限', '原始 95% 上限', '收缩系数 λ', '收缩后增值', '95% 下限', '95% 上限', '名次'];
const cells = (g: GroupGrowthView): (string | number)[] =>
  [g.n, g.priorMean, g.currentMean, g.growth, g.rawValueAdded, g.rawLow, g.rawHigh, g.weight, g.valueAdded, g.low, g.high, g.rank];

/** Writes the schools and the classes of a growth view on two sheets, raw and shrunk figures side by side with n. */
export async function writeGrowthWorkbook(out: Writable, view: GrowthView): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const title = `${view.examTerm} ${view.examName} · ${view.subject} · 前测：${view.priorExamTerm} ${view.priorExamName}`;
  const fit = `期望 T = ${view.regression.intercept} + ${view.regression.slope} × 前测 T（R² = ${view.regression.rSquared}，关联学生 ${view.linkedStudents} / ${view.currentStudents}）`;
  const sheets: [string, GroupGrowthView[], boolean][] = [['学校增值', view.schools, false], ['班级增值', view.classes, true]];
  for (const [name, rows, withClass] of sheets) {
    const sheet = workbook.addWorksheet(name);
    const add = (values: (string | number)[]): void => sheet.addRow(values).commit();
    add([title]);
    add([fit]);
    add([]);
    add(withClass ? ['学校', '班级', ...HEADER] : ['学校', ...HEADER]);
    for (const g of rows) add(withClass ? [g.schoolName ?? g.schoolId, g.className ?? '', ...cells(g)] : [g.schoolName ?? g.schoolId, ...cells(g)]);
    sheet.commit();
  }
  await workbook.commit();
}
