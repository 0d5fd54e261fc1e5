import type { CreateSchoolDto } from '@jiaolian/contracts';

/** A fictional county for demos and screenshots: names, codes and counts are made up but plausible. */
export const DEMO_DISTRICT = { code: '331199', name: '清溪县教育局', province: '浙江省', city: '云溪市' };
export const DEMO_PASSWORD = 'Jiaolian@2026';

type DemoSchool = Omit<CreateSchoolDto, 'districtId'>;
const school = (n: number, name: string, township: string, stage: DemoSchool['stage'], locale: DemoSchool['locale'],
  studentCount: number, teacherCount: number, classCount: number, lat: number, lng: number): DemoSchool => ({
  code: `2133119${String(n).padStart(3, '0')}`, name, township, stage, locale, studentCount, teacherCount, classCount,
  address: `云溪市清溪县${township}`, location: { lat, lng },
});

export const DEMO_SCHOOLS: DemoSchool[] = [
  school(1, '清溪县实验小学', '城关镇', 'primary', 'urban', 2130, 118, 42, 28.452, 119.921),
  school(2, '清溪县城关第二小学', '城关镇', 'primary', 'urban', 1650, 92, 33, 28.447, 119.913),
  school(3, '清溪县城关中学', '城关镇', 'junior', 'urban', 1820, 141, 36, 28.455, 119.925),
  school(4, '清溪县第二中学', '城关镇', 'junior', 'urban', 1310, 108, 27, 28.441, 119.930),
  school(5, '清溪县城东小学', '城关镇', 'primary', 'urban', 980, 58, 20, 28.450, 119.940),
  school(6, '临溪镇中心小学', '临溪镇', 'primary', 'township', 760, 48, 18, 28.512, 119.862),
  school(7, '临溪镇初级中学', '临溪镇', 'junior', 'township', 690, 62, 15, 28.515, 119.858),
  school(8, '临溪镇下湾村小学', '临溪镇', 'primary', 'village', 86, 9, 6, 28.531, 119.840),
  school(9, '临溪镇枫岭村小学', '临溪镇', 'primary', 'village', 54, 7, 6, 28.546, 119.873),
  school(10, '白沙乡中心学校', '白沙乡', 'nine_year', 'township', 520, 51, 16, 28.381, 119.832),
  school(11, '白沙乡溪口村小学', '白沙乡', 'primary', 'village', 63, 8, 6, 28.369, 119.818),
  school(12, '白沙乡竹坑教学点', '白沙乡', 'primary', 'village', 18, 3, 3, 28.352, 119.806),
  school(13, '石桥镇中心小学', '石桥镇', 'primary', 'township', 840, 52, 19, 28.401, 120.012),
  school(14, '石桥镇中学', '石桥镇', 'junior', 'township', 610, 58, 13, 28.405, 120.016),
  school(15, '石桥镇后岙村小学', '石桥镇', 'primary', 'village', 72, 8, 6, 28.389, 120.041),
  school(16, '石桥镇新塘学校', '石桥镇', 'nine_year', 'village', 230, 26, 9, 28.377, 120.033),
  school(17, '青山乡中心学校', '青山乡', 'nine_year', 'township', 410, 44, 13, 28.562, 120.005),
  school(18, '青山乡石门村小学', '青山乡', 'primary', 'village', 47, 6, 5, 28.577, 120.021),
  school(19, '青山乡上庄小学', '青山乡', 'primary', 'village', 39, 5, 4, 28.584, 119.992),
  school(20, '青山乡中学', '青山乡', 'junior', 'township', 280, 33, 8, 28.566, 120.010),
];

/**
 * A neighbouring county for cooperation across districts (跨区域合作): one of its schools belongs to an
 * alliance of 清溪县 with both education bureaus' approval, the other does not.
 */
export const DEMO_DISTRICT_B = { code: '331198', name: '溪南县教育局', province: '浙江省', city: '云溪市' };

export const DEMO_SCHOOLS_B: DemoSchool[] = [
  { code: '2133118001', name: '溪南县溪口镇中心小学', township: '溪口镇', stage: 'primary', locale: 'township', studentCount: 640, teacherCount: 41, classCount: 15,
    address: '云溪市溪南县溪口镇', location: { lat: 28.318, lng: 119.874 } },
  { code: '2133118002', name: '溪南县城南小学', township: '城南街道', stage: 'primary', locale: 'urban', studentCount: 1420, teacherCount: 80, classCount: 30,
    address: '云溪市溪南县城南街道', location: { lat: 28.296, lng: 119.905 } },
];

/** The alliance across the two counties, run by 清溪县 around one of its schools. */
export const DEMO_CROSS_ALLIANCE = {
  name: '清溪—溪南跨区域教育联盟', core: '清溪县城东小学', foreignMember: '溪南县溪口镇中心小学',
  description: '两县教育局共同批准的跨区域教育联盟：联合教研、活动共办、资源与场馆共享。',
};
