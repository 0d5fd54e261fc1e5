import { NotFoundError, type AccessScope } from '@jiaolian/service-kit';
import type { EntityManager } from 'typeorm';

export interface KnownSchool {
  id: string;
  districtId: string;
  name: string;
}

/** A school the directory knows, in a district the caller holds a role in; otherwise not found. */
export async function knownSchool(manager: EntityManager, scope: AccessScope, schoolId: string): Promise<KnownSchool> {
  const [row]: { id: string; district_id: string; name: string }[] = await manager.query(
    'SELECT id, district_id, name FROM directory_school WHERE id = $1', [schoolId],
  );
  if (!row || !scope.inDistrict(row.district_id)) throw new NotFoundError('school', schoolId);
  return { id: row.id, districtId: row.district_id, name: row.name };
}

/** Retries a unit of work that lost a deadlock (40P01) or a serialization race (40001). */
export async function withDeadlockRetry<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
      if (attempt >= attempts || (code !== '40P01' && code !== '40001')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}

export const pgCode = (error: unknown): string | undefined =>
  (error as { driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
