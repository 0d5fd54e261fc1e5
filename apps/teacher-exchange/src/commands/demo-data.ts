import type { CreateTeacherDto, TeacherRank, TeacherSubject, TeacherTitle } from '@jiaolian/contracts';

/** The demo alliances and schools as membership's seed-demo names them. */
export const DEMO_ALLIANCES = { integrated: '清溪县实验小学教联体', alliance: '城关中学教育联盟', pairing: '城关二小—后岙村小结对帮扶' } as const;

/** Demo schools: name, staff-number prefix, junior (初中) or primary, urban (more senior staff) or not, head count. */
export const DEMO_SCHOOLS: { name: string; prefix: string; junior: boolean; urban: boolean; size: number }[] = [
  { name: '清溪县实验小学', prefix: 'SY', junior: false, urban: true, size: 15 },
  { name: '清溪县城关第二小学', prefix: 'CE', junior: false, urban: true, size: 13 },
  { name: '清溪县城关中学', prefix: 'CZ', junior: true, urban: true, size: 15 },
  { name: '清溪县第二中学', prefix: 'EZ', junior: true, urban: true, size: 13 },
  { name: '清溪县城东小学', prefix: 'CD', junior: false, urban: true, size: 11 },
  { name: '临溪镇中心小学', prefix: 'LX', junior: false, urban: false, size: 12 },
  { name: '临溪镇初级中学', prefix: 'LC', junior: true, urban: false, size: 12 },
  { name: '临溪镇下湾村小学', prefix: 'XW', junior: false, urban: false, size: 8 },
  { name: '临溪镇枫岭村小学', prefix: 'FL', junior: false, urban: false, size: 8 },
  { name: '白沙乡中心学校', prefix: 'BS', junior: true, urban: false, size: 11 },
  { name: '白沙乡溪口村小学', prefix: 'XK', junior: false, urban: false, size: 8 },
  { name: '白沙乡竹坑教学点', prefix: 'ZK', junior: false, urban: false, size: 8 },
  { name: '石桥镇中心小学', prefix: 'SQ', junior: false, urban: false, size: 12 },
  { name: '石桥镇中学', prefix: 'SZ', junior: true, urban: false, size: 12 },
  { name: '石桥镇后岙村小学', prefix: 'HA', junior: false, urban: false, size: 8 },
  { name: '石桥镇新塘学校', prefix: 'XT', junior: true, urban: false, size: 9 },
  { name: '青山乡中心学校', prefix: 'QS', junior: true, urban: false, size: 10 },
  { name: '青山乡石门村小学', prefix: 'SM', junior: false, urban: false, size: 8 },
  { name: '青山乡上庄小学', prefix: 'SZX', junior: false, urban: false, size: 8 },
  { name: '青山乡中学', prefix: 'QZ', junior: true, urban: false, size: 10 },
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁任沈姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严'.split('');
const FEMALE = ['丽', '芳', '静', '敏', '燕', '艳', '娟', '霞', '婷', '雪', '慧', '琳', '晓燕', '秀英', '红梅', '玉兰', '佳怡', '雨欣', '思琪', '梦瑶', '海燕', '丽君', '春花', '晓琳', '文静', '婉清'];
const MALE = ['伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '鹏', '华', '建国', '志强', '海峰', '国栋', '晓东', '文博', '俊杰', '浩然', '建华', '卫东', '振宇', '子豪', '明辉', '立新'];
const PRIMARY: TeacherSubject[][] = [['chinese'], ['chinese', 'morality_law'], ['math'], ['math', 'science'], ['english'], ['science'], ['music'], ['pe'], ['art'], ['it'], ['chinese'], ['math'], ['labour', 'science'], ['chinese'], ['english']];
const JUNIOR: TeacherSubject[][] = [['chinese'], ['math'], ['english'], ['physics'], ['chemistry'], ['biology'], ['morality_law'], ['history'], ['geography'], ['pe'], ['chinese'], ['math'], ['english'], ['music', 'art'], ['it']];

/** A small deterministic generator, so every demo database holds the same people. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function demoTeachers(schoolId: string, school: (typeof DEMO_SCHOOLS)[number], index: number): CreateTeacherDto[] {
  const next = random(20260901 + index * 7919);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const used = new Set<string>();
  return Array.from({ length: school.size }, (_, i) => {
    const gender = next() < 0.68 ? 'female' as const : 'male' as const;
    let name = '';
    do name = pick(SURNAMES) + pick(gender === 'female' ? FEMALE : MALE); while (used.has(name));
    used.add(name);
    const subjects = (school.junior ? JUNIOR : PRIMARY)[i % 15] as TeacherSubject[];
    const roll = next();
    const title: TeacherTitle = school.urban
      ? (roll < 0.05 ? 'senior_full' : roll < 0.35 ? 'senior' : roll < 0.75 ? 'first' : roll < 0.95 ? 'second' : 'unrated')
      : (roll < 0.12 ? 'senior' : roll < 0.5 ? 'first' : roll < 0.85 ? 'second' : roll < 0.93 ? 'third' : 'unrated');
    // the first few staff of each school carry its ranks and management posts; urban schools have more
    const rank: TeacherRank = i === 0 && school.urban ? 'subject_leader' : i < (school.urban ? 5 : 2) ? 'backbone' : 'none';
    const middleManager = i === 1 || i === 5 || (school.urban && i === 8);
    return { schoolId, staffNo: `${school.prefix}${String(i + 1).padStart(3, '0')}`, name, gender, subjects, title, rank, middleManager };
  });
}
