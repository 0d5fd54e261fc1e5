import type { ProfileItemDto, ProfileLevel, ProfileTagCategory } from '@jiaolian/contracts';
import { ValidationError } from '@jiaolian/service-kit';
import type { StoredItem } from './profile.entity.js';

/*
 * What a submitted profile must hold, as plain functions: every tag a current tag of the district, no tag
 * twice in one list, specialities only from the facility and speciality categories.
 */

export interface KnownTag {
  id: string;
  category: ProfileTagCategory;
  archived: boolean;
}

export function checkItems(list: 'strengths' | 'needs', items: ProfileItemDto[], tags: Map<string, KnownTag>): StoredItem[] {
  const seen = new Set<string>();
  return items.map((item, i) => {
    const field = `body.${list}[${i}].tagId`;
    const tag = tags.get(item.tagId);
    if (!tag || tag.archived) throw ValidationError.of(field, 'membership.profile.tag-unknown');
    if (seen.has(item.tagId)) throw ValidationError.of(field, 'membership.profile.tag-repeated');
    seen.add(item.tagId);
    return { tagId: item.tagId, level: item.level };
  });
}

export function checkSpecialities(ids: string[], tags: Map<string, KnownTag>): string[] {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    const field = `body.specialities[${i}]`;
    const tag = tags.get(id);
    if (!tag || tag.archived) throw ValidationError.of(field, 'membership.profile.tag-unknown');
    if (tag.category !== 'facility' && tag.category !== 'speciality') throw ValidationError.of(field, 'membership.profile.tag-category');
    if (seen.has(id)) throw ValidationError.of(field, 'membership.profile.tag-repeated');
    seen.add(id);
  });
  return ids;
}

export interface ItemChange {
  list: 'strengths' | 'needs' | 'specialities';
  change: 'added' | 'removed' | 'level_changed';
  tagId: string;
  before: ProfileLevel | null;
  after: ProfileLevel | null;
}

/** What changed in one list from one term's profile to the next: added, removed and re-levelled tags. */
export function diffItems(list: ItemChange['list'], before: StoredItem[], after: StoredItem[]): ItemChange[] {
  const old = new Map(before.map((i) => [i.tagId, i.level]));
  const now = new Map(after.map((i) => [i.tagId, i.level]));
  const changes: ItemChange[] = [];
  for (const [tagId, level] of now) {
    const was = old.get(tagId);
    if (was === undefined) changes.push({ list, change: 'added', tagId, before: null, after: level });
    else if (was !== level) changes.push({ list, change: 'level_changed', tagId, before: was, after: level });
  }
  for (const [tagId, level] of old) if (!now.has(tagId)) changes.push({ list, change: 'removed', tagId, before: level, after: null });
  return changes;
}
