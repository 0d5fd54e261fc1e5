import { TEACHER_SUBJECTS, type ProfileTagCategory, type TeacherSubject } from '@jiaolian/contracts';

/*
 * The taxonomy a district starts with: the subjects of the platform's subject list, the nine grades of
 * compulsory education, the facilities schools share by booking, and the specialities the seeds name.
 * The district admin adds, renames and archives tags from there.
 */

const SUBJECT_NAMES_EN: Record<TeacherSubject, string> = {
  chinese: 'Chinese', math: 'Mathematics', english: 'English', physics: 'Physics', chemistry: 'Chemistry', biology: 'Biology',
  morality_law: 'Morality and law', history: 'History', geography: 'Geography', science: 'Science', music: 'Music', pe: 'PE',
  art: 'Art', it: 'IT', labour: 'Labour',
};

const GRADES_ZH = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

export interface TagSeed {
  category: ProfileTagCategory;
  code: string;
  nameZh: string;
  nameEn: string;
}

export const DEFAULT_PROFILE_TAGS: TagSeed[] = [
  ...(Object.entries(TEACHER_SUBJECTS) as [TeacherSubject, string][]).map(([code, nameZh]) => ({ category: 'subject' as const, code, nameZh, nameEn: SUBJECT_NAMES_EN[code] })),
  ...GRADES_ZH.map((zh, i) => ({ category: 'grade' as const, code: `grade_${i + 1}`, nameZh: `${zh}年级`, nameEn: `Grade ${i + 1}` })),
  { category: 'facility', code: 'science_lab', nameZh: '科学实验室', nameEn: 'Science lab' },
  { category: 'facility', code: 'music_room', nameZh: '音乐教室', nameEn: 'Music room' },
  { category: 'facility', code: 'computer_room', nameZh: '计算机教室', nameEn: 'Computer room' },
  { category: 'facility', code: 'sports_ground', nameZh: '标准运动场', nameEn: 'Sports ground' },
  { category: 'facility', code: 'library', nameZh: '图书馆', nameEn: 'Library' },
  { category: 'speciality', code: 'farm_base', nameZh: '农耕基地', nameEn: 'Farm base' },
  { category: 'speciality', code: 'youth_palace', nameZh: '少年宫', nameEn: 'Youth palace' },
  { category: 'speciality', code: 'science_tech', nameZh: '科技特色', nameEn: 'Science and technology' },
  { category: 'speciality', code: 'arts', nameZh: '艺术特色', nameEn: 'Arts' },
  { category: 'speciality', code: 'reading', nameZh: '阅读特色', nameEn: 'Reading' },
];
