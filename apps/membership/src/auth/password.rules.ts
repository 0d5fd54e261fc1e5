import { randomInt } from 'node:crypto';

/**
 * Kinds of characters a chosen password must mix. Ten characters of three kinds is what China's
 * graded-protection guidance (等保 2.0) asks of an education system's accounts; length alone lets
 * through "1234567890".
 */
export const PASSWORD_MIN_KINDS = 3;

/** How many of lower-case, upper-case, digits and other characters a password uses. */
export function passwordKinds(password: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((kind) => kind.test(password)).length;
}

// No 0/O, 1/l/I: an initial password is read off a printed sheet and typed in by hand.
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const OTHER = '#@%+';

/** A random initial password of 12 characters with every kind, from a cryptographic source. */
export function initialPassword(): string {
  const pick = (alphabet: string): string => alphabet[randomInt(alphabet.length)]!;
  const all = LOWER + UPPER + DIGITS;
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(OTHER), ...Array.from({ length: 8 }, () => pick(all))];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/**
 * The username of a roster teacher's account: `t` + the school's 10-digit code + `.` + the staff
 * number, lower-cased, anything but letters, digits, dot, dash and underscore dropped. Predictable, so
 * a school admin can tell a teacher their username without looking it up; unique because staff
 * numbers are unique within a school and school codes within the country. Without a code the school's
 * id prefix stands in for it; a staff number with nothing usable left (e.g. all Chinese) takes the
 * teacher id's prefix.
 */
export function teacherUsername(school: { code: string | null; id: string }, teacher: { staffNo: string; teacherId: string }): string {
  const schoolPart = (school.code ?? school.id.replace(/-/g, '').slice(0, 10)).toLowerCase().replace(/[^a-z0-9]/g, '');
  const staff = teacher.staffNo.toLowerCase().replace(/[^a-z0-9._-]/g, '') || teacher.teacherId.replace(/-/g, '').slice(0, 8);
  return `t${schoolPart}.${staff}`.slice(0, 64);
}
