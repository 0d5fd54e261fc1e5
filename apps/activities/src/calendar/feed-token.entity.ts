import type { RoleAssignment } from '@jiaolian/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A user's calendar feed secret. Calendar apps cannot send a bearer token, so the feed URL carries this
 * token; it keeps the assignments the user held when creating it, and rotating it refreshes them.
 */
@Entity({ name: 'feed_token' })
export class FeedTokenEntity {
  @PrimaryColumn({ name: 'user_id', type: 'text' }) userId: string;
  @Column({ type: 'varchar', length: 64 }) token: string;
  @Column({ name: 'display_name', type: 'varchar', length: 64, nullable: true }) displayName: string | null;
  @Column({ type: 'jsonb' }) assignments: RoleAssignment[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
