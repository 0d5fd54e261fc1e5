import type { FacilityKind, ResourceType, ResourceVisibility } from '@jiaolian/contracts';

/** The demo alliances membership's seed-demo creates (apps/membership/src/commands/seed-demo.command.ts). */
export const DEMO_ALLIANCES = ['清溪县实验小学教联体', '城关中学教育联盟', '城关二小—后岙村小结对帮扶'] as const;
export const DEMO_DISTRICT_CODE = '331199';

export interface DemoResource {
  school: string;
  teacher: string;
  type: ResourceType;
  title: string;
  subject: string;
  grade: string;
  edition?: string;
  unit?: string;
  tags: string[];
  licence: string;
  visibility: ResourceVisibility;
  description: string;
  downloads: number;
}

const r = (school: string, teacher: string, type: ResourceType, title: string, subject: string, grade: string, edition: string | undefined,
  unit: string | undefined, tags: string[], licence: string, visibility: ResourceVisibility, description: string, downloads: number): DemoResource =>
  ({ school, teacher, type, title, subject, grade, edition, unit, tags, licence, visibility, description, downloads });

export const DEMO_RESOURCES: DemoResource[] = [
  r('清溪县实验小学', '李慧', 'lesson_plan', '农耕文化劳动教育', '劳动', '四年级', '人教版', '第二单元', ['劳动教育', '农耕', '二十四节气'], '联盟内共享', 'alliance', '结合学校农耕基地，开展播种、管理、收获全过程劳动实践。', 12),
  r('清溪县实验小学', '周敏', 'courseware', '分数的初步认识', '数学', '三年级', '人教版', '第八单元', ['分数', '新授课'], 'CC BY-NC 4.0', 'district', '直观操作理解几分之一，配套课堂练习。', 31),
  r('清溪县实验小学', '李慧', 'lesson_video', '《富饶的西沙群岛》课例', '语文', '三年级', '部编版', '第六单元', ['示范课', '阅读教学'], '联盟内共享', 'alliance', '教联体示范课实录，含教学设计说明。', 18),
  r('清溪县实验小学', '周敏', 'exam_paper', '三年级数学期中统一检测卷', '数学', '三年级', '人教版', undefined, ['统一检测', '期中'], '保留所有权利', 'alliance', '教联体统一命题，附评分标准与双向细目表。', 44),
  r('临溪镇中心小学', '陈晓东', 'case', '乡村小规模学校复式教学案例', '综合', '二年级', undefined, undefined, ['复式教学', '小规模学校'], 'CC BY 4.0', 'district', '一师两级同堂授课的组织方式与时间分配。', 9),
  r('临溪镇中心小学', '陈晓东', 'reflection', '送教下乡后的教学反思', '语文', '五年级', '部编版', '第四单元', ['送教下乡', '反思'], '联盟内共享', 'alliance', '核心校送教后，对乡村课堂提问设计的再思考。', 3),
  r('临溪镇下湾村小学', '张晓燕', 'lesson_plan', '稻田里的科学：水稻的一生', '科学', '四年级', '教科版', '植物的生长变化', ['农耕', '项目式学习'], '联盟内共享', 'alliance', '依托村边稻田开展的长周期观察记录活动。', 7),
  r('临溪镇下湾村小学', '张晓燕', 'research', '村小课后服务实施方案', '综合', '全学段', undefined, undefined, ['课后服务', '教研'], '保留所有权利', 'school', '本校课后服务课程表与安全预案，仅本校使用。', 1),
  r('临溪镇枫岭村小学', '吴芳', 'courseware', '认识人民币', '数学', '一年级', '人教版', '第五单元', ['情境教学'], 'CC BY-NC-SA 4.0', 'alliance', '模拟小超市购物情境的互动课件。', 11),
  r('白沙乡溪口村小学', '郑强', 'lesson_plan', '竹编手工与劳动习惯养成', '劳动', '五年级', undefined, undefined, ['劳动教育', '非遗'], '联盟内共享', 'alliance', '邀请本村竹编艺人进课堂的劳动课设计。', 5),
  r('清溪县城关中学', '刘洋', 'exam_paper', '八年级物理联考试卷（力学）', '物理', '八年级', '人教版', '第七章', ['联考', '力学'], '联盟内共享', 'alliance', '教育联盟统一检测试卷及评分细则。', 27),
  r('清溪县城关中学', '刘洋', 'lesson_video', '《浮力》实验探究课例', '物理', '八年级', '人教版', '第十章', ['实验教学', '示范课'], 'CC BY-NC 4.0', 'district', '分组实验探究浮力大小的影响因素。', 22),
  r('清溪县城关中学', '赵静', 'research', '初中英语大单元教学设计研讨', '英语', '七年级', '外研版', 'Module 3', ['大单元', 'Unit design'], '联盟内共享', 'alliance', 'Big unit planning notes from the joint research day.', 8),
  r('清溪县第二中学', '孙磊', 'courseware', '一元二次方程的解法', '数学', '九年级', '北师大版', '第二章', ['配方法', '公式法'], 'CC BY-NC 4.0', 'alliance', '配方法与公式法对比讲解，含分层练习。', 16),
  r('临溪镇初级中学', '何丽', 'reflection', '联盟教研后的作业设计反思', '语文', '七年级', '部编版', undefined, ['双减', '作业设计'], '联盟内共享', 'alliance', '参加联盟作业设计研讨后对分层作业的改进。', 4),
  r('石桥镇中学', '冯涛', 'case', '农村初中寄宿生心理辅导案例', '心理健康', '八年级', undefined, undefined, ['寄宿制', '心理辅导'], '保留所有权利', 'school', '本校个案记录（已脱敏），仅本校心理教师使用。', 2),
  r('清溪县城关第二小学', '黄蓉', 'lesson_plan', '古诗二首：《村居》《咏柳》', '语文', '二年级', '部编版', '第一单元', ['古诗', '朗读'], '联盟内共享', 'alliance', '结对帮扶送教课教案，含朗读指导。', 6),
  r('清溪县城关第二小学', '黄蓉', 'courseware', '农耕节气里的数学', '数学', '三年级', '苏教版', undefined, ['农耕', '跨学科'], 'CC BY 4.0', 'district', '用节气与农事安排学习时间计算。', 10),
  r('石桥镇后岙村小学', '马超', 'reflection', '结对帮扶一年：村小课堂的变化', '综合', '全学段', undefined, undefined, ['结对帮扶', '成长'], '联盟内共享', 'alliance', '受援校教师对一年结对帮扶的回顾。', 3),
  r('清溪县实验小学', '李慧', 'research', '教联体集体备课制度（试行）', '综合', '全学段', undefined, undefined, ['集体备课', '制度'], '联盟内共享', 'alliance', '教联体学科组集体备课的流程、分工与评价。', 15),
];

export interface DemoFacility {
  school: string;
  kind: FacilityKind;
  name: string;
  capacity: number;
  openHours: string;
  location: string;
  description: string;
}

export const DEMO_FACILITIES: DemoFacility[] = [
  { school: '清溪县实验小学', kind: 'lab', name: '科学探究实验室', capacity: 48, openHours: '周一至周五 13:30–17:00', location: '科技楼二楼', description: '配备显微镜、学生分组实验台 12 组。' },
  { school: '清溪县实验小学', kind: 'music_room', name: '数字音乐教室', capacity: 45, openHours: '周二、周四 14:00–16:30', location: '艺术楼一楼', description: '电钢琴 24 台，可开展合唱与器乐课。' },
  { school: '清溪县实验小学', kind: 'youth_palace', name: '乡村学校少年宫', capacity: 120, openHours: '周三下午、周六全天', location: '东校区', description: '书法、剪纸、机器人等社团活动场地。' },
  { school: '清溪县实验小学', kind: 'farm_base', name: '百草园农耕基地', capacity: 80, openHours: '周一至周五 8:00–17:00', location: '学校北侧', description: '6 亩劳动实践基地，可组织播种、采摘等劳动课。' },
  { school: '清溪县城关中学', kind: 'lab', name: '物理创新实验室', capacity: 50, openHours: '周一至周五 14:00–17:30', location: '实验楼三楼', description: '数字化传感器实验设备 25 套。' },
  { school: '清溪县城关中学', kind: 'equipment', name: '便携式天文望远镜', capacity: 4, openHours: '提前三天预约，可借出', location: '科技处', description: '可借至成员校开展观星活动。' },
  { school: '清溪县城关第二小学', kind: 'music_room', name: '民乐排练厅', capacity: 40, openHours: '周五 14:00–17:00', location: '综合楼四楼', description: '二胡、琵琶、古筝等民乐器 30 件。' },
];

export interface DemoBooking {
  facility: string;
  requester: string;
  /** days from today (negative: past) and Beijing hour */
  day: number;
  hour: number;
  hours: number;
  purpose: string;
  attendees: number;
  outcome: 'pending' | 'approved' | 'rejected' | 'cancelled';
  reason?: string;
}

export const DEMO_BOOKINGS: DemoBooking[] = [
  { facility: '百草园农耕基地', requester: '临溪镇下湾村小学', day: -14, hour: 9, hours: 3, purpose: '四年级秋收劳动实践', attendees: 30, outcome: 'approved' },
  { facility: '科学探究实验室', requester: '临溪镇枫岭村小学', day: -7, hour: 14, hours: 2, purpose: '五年级显微镜观察洋葱表皮细胞', attendees: 20, outcome: 'approved' },
  { facility: '数字音乐教室', requester: '临溪镇中心小学', day: -3, hour: 14, hours: 2, purpose: '合唱社团联合排练', attendees: 40, outcome: 'rejected', reason: '当天音乐教室用于区艺术节彩排' },
  { facility: '科学探究实验室', requester: '白沙乡溪口村小学', day: 2, hour: 14, hours: 2, purpose: '四年级电路连接实验课', attendees: 25, outcome: 'approved' },
  { facility: '百草园农耕基地', requester: '临溪镇中心小学', day: 3, hour: 9, hours: 3, purpose: '冬季油菜播种劳动课', attendees: 45, outcome: 'pending' },
  { facility: '乡村学校少年宫', requester: '临溪镇下湾村小学', day: 5, hour: 9, hours: 4, purpose: '少年宫剪纸社团体验日', attendees: 35, outcome: 'pending' },
  { facility: '数字音乐教室', requester: '临溪镇枫岭村小学', day: 6, hour: 14, hours: 2, purpose: '器乐兴趣课', attendees: 20, outcome: 'cancelled', reason: '因天气原因取消出行' },
  { facility: '物理创新实验室', requester: '临溪镇初级中学', day: 4, hour: 14, hours: 2, purpose: '八年级浮力分组实验', attendees: 40, outcome: 'pending' },
  { facility: '便携式天文望远镜', requester: '石桥镇中学', day: 9, hour: 18, hours: 3, purpose: '天文兴趣小组观测月面', attendees: 2, outcome: 'approved' },
  { facility: '民乐排练厅', requester: '石桥镇后岙村小学', day: 8, hour: 14, hours: 2, purpose: '民乐兴趣课送教', attendees: 15, outcome: 'pending' },
];
