import type { SuggestionKind } from '@jiaolian/contracts';

/*
 * A suggestion in words, from the model's own data: what the provider supplies of the school's needs and
 * how far it is ("提供 英语、音乐，12 km" / "supplies English and music, 12 km").
 */

const listEn = (names: string[]): string => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

export function explain(kind: SuggestionKind, supplies: { nameZh: string; nameEn: string }[], distanceKm: number): { zh: string; en: string } {
  const km = `${Number.isInteger(distanceKm) ? distanceKm : distanceKm.toFixed(1)} km`;
  const zhNames = supplies.map((s) => s.nameZh).join('、');
  // tag names as the district wrote them (English is a proper noun; the taxonomy decides the rest)
  const en = listEn(supplies.map((s) => s.nameEn));
  return kind === 'alliance'
    ? { zh: `联盟成员校可提供 ${zhNames}，最近 ${km}`, en: `its member schools supply ${en}, nearest ${km}` }
    : { zh: `提供 ${zhNames}，${km}`, en: `supplies ${en}, ${km}` };
}
