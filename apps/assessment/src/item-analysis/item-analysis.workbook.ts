import type { ItemAnalysisView, ItemFlag } from '@jiaolian/contracts';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';

const FLAG_NAMES: Record<ItemFlag, string> = { 'negative-discrimination': '区分度为负', 'low-discrimination': '区分度偏低' };
const num = (value: number | null): number | string => (value === null ? '—' : value);

/** Three sheets: the items (difficulty, discrimination, flags), option distributions, knowledge-point rates. */
export async function writeItemAnalysisWorkbook(out: Writable, analysis: ItemAnalysisView): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const items = workbook.addWorksheet('试题分析');
  const add = (sheet: ExcelJS.Worksheet, values: (string | number)[]): void => sheet.addRow(values).commit();
  add(items, [`${analysis.subject}（满分 ${analysis.fullMarks}）：${analysis.students} 人，平均分 ${analysis.mean}，信度 α = ${num(analysis.alpha)}，高低分组各 ${analysis.groupSize} 人`]);
  add(items, []);
  add(items, ['题号', '大题', '题型', '满分', '平均分', '难度（得分率）', '区分度（校正点二列相关）', '区分度（高低分组 27%）', '知识点', '标记']);
  for (const i of analysis.items) {
    add(items, [i.no, i.section, i.type === 'objective' ? '客观题' : '主观题', i.fullMarks, i.mean, i.difficulty, num(i.discrimination), num(i.upperLower),
      i.knowledgePoints.join('、'), i.flags.map((f) => FLAG_NAMES[f]).join('、')]);
  }
  items.commit();
  const options = workbook.addWorksheet('选项分布');
  add(options, ['题号', '选项', '人数', '占比', '是否答案']);
  for (const i of analysis.items) for (const o of i.options) add(options, [i.no, o.option, o.count, o.rate, o.isKey ? '答案' : '']);
  options.commit();
  const points = workbook.addWorksheet('知识点得分率');
  add(points, ['知识点', '题号', '满分', '范围', '学校', '班级', '人数', '得分率']);
  for (const kp of analysis.knowledgePoints) {
    for (const r of kp.rates) {
      add(points, [kp.knowledgePoint, kp.items.join('、'), kp.fullMarks, r.level === 'alliance' ? '联盟' : r.level === 'school' ? '学校' : '班级',
        r.schoolName ?? '', r.className ?? '', r.students, r.rate]);
    }
  }
  points.commit();
  await workbook.commit();
}
