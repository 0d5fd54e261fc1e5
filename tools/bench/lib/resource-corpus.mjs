// Generated teaching resources with realistic Chinese titles, tags and descriptions, deterministic
// for a seed. Frequencies are shaped like a district's library: 教学 in about three quarters of the
// resources, 古诗 and 二十四节气 in a few percent, 农耕 in about one percent, 皮影戏 in a handful.

/** A small deterministic PRNG (mulberry32). */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const TYPES = ['lesson_plan', 'courseware', 'lesson_video', 'exam_paper', 'case', 'reflection', 'research'];
const TYPE_WORDS = { lesson_plan: '教案', courseware: '课件', lesson_video: '课例', exam_paper: '试卷', case: '案例', reflection: '教学反思', research: '教研资料' };
const FILES = { lesson_plan: ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'], courseware: ['pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  lesson_video: ['mp4', 'video/mp4'], exam_paper: ['pdf', 'application/pdf'], case: ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  reflection: ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'], research: ['pdf', 'application/pdf'] };
export const GRADES = ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级', '七年级', '八年级', '九年级'];
const TOPICS = {
  语文: ['古诗词诵读', '古诗三首', '春夜喜雨', '寓言故事', '习作指导', '口语交际', '整本书阅读', '汉字书写', '童话单元', '民间故事', '说明文阅读', '小古文', '神话故事', '现代诗'],
  数学: ['分数的初步认识', '两位数乘法', '长方形的面积', '小数的意义', '统计与概率', '图形的运动', '鸡兔同笼', '认识钟表', '百分数', '圆的周长', '方程', '可能性'],
  英语: ['字母歌', '问候用语', '我的家庭', '颜色与数字', '天气与季节', '动物朋友', '购物对话', '自然拼读', '绘本阅读', '节日文化'],
  科学: ['植物的一生', '水的三态变化', '简单电路', '昆虫的身体', '太阳系', '声音的产生', '岩石与土壤', '种子发芽', '磁铁的性质', '天气观察'],
  道德与法治: ['我们的班级', '文明礼仪', '家乡的变化', '规则与秩序', '诚实守信', '保护环境', '交通安全', '网络安全'],
  劳动: ['整理书包', '校园种植', '农耕体验', '烹饪与营养', '手工编织', '农耕文化', '二十四节气与农事', '家务劳动', '木工制作'],
  音乐: ['童谣演唱', '民族乐器', '节奏游戏', '合唱训练', '京剧脸谱', '古诗新唱'],
  美术: ['水墨画入门', '剪纸艺术', '色彩的冷暖', '泥塑', '版画', '民间剪纸', '民间美术'],
  体育: ['跳绳', '队列队形', '篮球运球', '广播体操', '立定跳远', '足球游戏'],
  信息科技: ['认识计算机', '图形化编程', '数据与编码', '网络与安全', '人工智能初步'],
};
export const SUBJECTS = Object.keys(TOPICS);
const SUBJECT_WEIGHTS = [24, 22, 10, 9, 6, 7, 5, 6, 5, 6];
const MODIFIERS = ['第一课时', '第二课时', '单元整体设计', '大单元教学', '跨学科主题学习', '项目式学习', '同课异构', '城乡同步课堂', '公开课', '复习课', '拓展阅读', '作业设计'];
const TAGS = ['集体备课', '送教下乡', '名师工作室', '双减', '核心素养', '情境教学', '分层作业', '课后服务', '劳动教育', '传统文化', '阅读推广', '信息化', '二十四节气', '古诗', '家校共育'];
const TEACHING = [
  '本课教学目标明确，重难点突出，教学过程分为导入、新授、练习和小结四个环节。',
  '结合学生已有经验设计教学活动，注重启发式教学和小组合作学习。',
  '教学中借助多媒体课件创设情境，引导学生自主探究。',
  '课后进行了教学反思，总结了课堂提问与评价方面的得失。',
];
const OTHER = [
  '适合城乡学校同步使用，附有学习任务单和课堂练习。',
  '资料由核心校骨干教师整理，成员校试用后修订。',
  '配套作业分为基础、提高和拓展三个层次。',
  '包含学生作品照片和活动记录。',
  '可根据本校学情调整活动顺序和时长。',
  '设计了贴近生活的实践任务，鼓励学生回家与家长一起完成。',
];
const SEASONAL = ['立春', '雨水', '惊蛰', '春分', '清明', '谷雨', '立夏', '小满', '芒种', '夏至', '秋分', '霜降', '冬至'];

function pick(rand, list) { return list[Math.floor(rand() * list.length)]; }
function weighted(rand, list, weights) {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rand() * total;
  for (let i = 0; i < list.length; i += 1) { r -= weights[i]; if (r < 0) return list[i]; }
  return list[list.length - 1];
}

/**
 * One resource's fields (no ids): type, title, description, subject, grade, edition, unit, tags,
 * licence, visibility, file fields. `rand` is a PRNG from random().
 */
export function generateResource(rand) {
  const subject = weighted(rand, SUBJECTS, SUBJECT_WEIGHTS);
  const type = pick(rand, TYPES);
  const grade = pick(rand, subject === '英语' ? GRADES.slice(2) : GRADES);
  let topic = pick(rand, TOPICS[subject]);
  if (rand() < 0.03) topic = `${pick(rand, SEASONAL)}·二十四节气`;
  const title = `${grade}${subject}《${topic}》${rand() < 0.6 ? pick(rand, MODIFIERS) : ''}${TYPE_WORDS[type]}`.slice(0, 120);
  const tags = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(rand, TAGS)))];
  const sentences = [];
  if (rand() < 0.72) sentences.push(pick(rand, TEACHING));
  sentences.push(pick(rand, OTHER));
  if (rand() < 0.5) sentences.push(pick(rand, OTHER));
  if (rand() < 0.008) sentences.push('结合农耕文化开展劳动实践，学生到农耕基地体验播种与收获。');
  if (rand() < 0.0008) sentences.push('邀请民间艺人走进课堂，介绍皮影戏的制作与表演。');
  const visibility = weighted(rand, ['school', 'alliance', 'district'], [30, 40, 30]);
  const [extension, contentType] = FILES[type];
  return {
    type, title, description: sentences.join(''), subject, grade, edition: pick(rand, ['部编版', '人教版', '北师大版', '苏教版']),
    unit: `第${'一二三四五六七八'[Math.floor(rand() * 8)]}单元`, tags, licence: pick(rand, ['联盟内共享', 'CC BY-NC 4.0', '保留所有权利']), visibility,
    fileName: `${topic}.${extension}`, contentType, fileSize: 20_000 + Math.floor(rand() * 5_000_000),
  };
}
