import {
  NOTIFICATION_KINDS, type CreateRobotDto, type ListRobotsQueryDto, type NotificationKind, type RobotChannel, type RobotOwnerType, type RobotTestView,
  type RobotView, type UpdateRobotDto, type Page,
} from '@jiaolian/contracts';
import { AccessScope, AuditWriter, ConflictError, ForbiddenError, NotFoundError, pageWindow, toPage, ValidationError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OutboundTargetError, parseOutboundUrl } from '../common/outbound-target.js';
import { sendToRobot } from './outbound-sender.js';

/** An alliance or school keeps a handful of robots (one per group chat it informs). */
export const MAX_ROBOTS_PER_OWNER = 10;

interface RobotRow {
  id: string; district_id: string; owner_type: RobotOwnerType; owner_id: string; owner_name: string | null; channel: RobotChannel; name: string;
  webhook_url: string; secret: string | null; kinds: NotificationKind[]; enabled: boolean; last_delivered_at: Date | null; last_error: string | null;
  created_at: Date; updated_at: Date;
}

interface Owner { type: RobotOwnerType; id: string; districtId: string; name: string }

/** The webhook URL with the values of its query (the robot's key or access token) hidden. */
export function maskWebhookUrl(raw: string): string {
  try {
    const url = new URL(raw);
    for (const key of [...url.searchParams.keys()]) {
      const value = url.searchParams.get(key) ?? '';
      url.searchParams.set(key, value.length > 4 ? `${value.slice(0, 4)}****` : '****');
    }
    return decodeURIComponent(url.toString());
  } catch {
    return '****';
  }
}

const toView = (r: RobotRow): RobotView => ({
  id: r.id, districtId: r.district_id, ownerType: r.owner_type, ownerId: r.owner_id, ownerName: r.owner_name ?? '', channel: r.channel, name: r.name,
  webhookUrlMasked: maskWebhookUrl(r.webhook_url), hasSecret: Boolean(r.secret), kinds: NOTIFICATION_KINDS.filter((k) => r.kinds.includes(k)), enabled: r.enabled,
  lastDeliveredAt: r.last_delivered_at ? r.last_delivered_at.toISOString() : null, lastError: r.last_error,
  createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
});

const SELECT = `SELECT r.*, coalesce(s.name, a.name) AS owner_name FROM notification_robot r
  LEFT JOIN directory_school s ON r.owner_type = 'school' AND s.id = r.owner_id
  LEFT JOIN directory_alliance a ON r.owner_type = 'alliance' AND a.id = r.owner_id`;

/** Checks a robot URL as the sender will: https (http only where private targets are allowed), no private address. */
function checkWebhookUrl(field: string, raw: string): void {
  try {
    parseOutboundUrl(raw);
  } catch (error) {
    if (error instanceof OutboundTargetError) {
      throw ValidationError.of(field, error.problem === 'private-address' ? 'notifications.robot.url-private' : 'notifications.robot.url-invalid');
    }
    throw error;
  }
}

/**
 * The chat robots (群机器人) of alliances and schools: set by the alliance's or school's admin or the
 * district admin. The DingTalk secret is stored and never shown again. Every change is audited (the
 * URL masked, the secret never).
 */
@Injectable()
export class RobotsService {
  constructor(private readonly dataSource: DataSource, private readonly audit: AuditWriter) {}

  async list(scope: AccessScope, query: ListRobotsQueryDto): Promise<Page<RobotView>> {
    const window = pageWindow(query);
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.ownerId) {
      const owner = await this.owner(this.dataSource.manager, query.ownerType ?? null, query.ownerId);
      this.assertManages(scope, owner);
      where.push(`r.owner_id = $${params.push(owner.id)}`);
    } else if (!scope.isPlatformAdmin) {
      where.push(`(r.district_id = ANY($${params.push(scope.adminDistrictIds())}::uuid[])
        OR (r.owner_type = 'alliance' AND r.owner_id = ANY($${params.push(scope.adminAllianceIds())}::uuid[]))
        OR (r.owner_type = 'school' AND r.owner_id = ANY($${params.push(scope.adminSchoolIds())}::uuid[])))`);
    }
    if (query.ownerType) where.push(`r.owner_type = $${params.push(query.ownerType)}`);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM notification_robot r ${filter}`, params);
    const rows: RobotRow[] = await this.dataSource.query(
      `${SELECT} ${filter} ORDER BY r.created_at, r.id LIMIT $${params.push(window.pageSize)} OFFSET $${params.push(window.offset)}`, params,
    );
    return toPage(rows.map(toView), total, window);
  }

  async create(scope: AccessScope, dto: CreateRobotDto): Promise<RobotView> {
    checkWebhookUrl('webhookUrl', dto.webhookUrl);
    if (dto.channel === 'wecom' && dto.secret) throw ValidationError.of('secret', 'notifications.robot.secret-wecom');
    return this.dataSource.transaction(async (manager) => {
      const owner = await this.owner(manager, dto.ownerType, dto.ownerId);
      this.assertManages(scope, owner);
      const [{ n }] = await manager.query('SELECT count(*)::int AS n FROM notification_robot WHERE owner_id = $1', [owner.id]);
      if (n >= MAX_ROBOTS_PER_OWNER) throw ConflictError.of('notifications.robot.too-many', { max: MAX_ROBOTS_PER_OWNER });
      const [{ id }] = await manager.query(
        `INSERT INTO notification_robot (district_id, owner_type, owner_id, channel, name, webhook_url, secret, kinds, enabled, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [owner.districtId, owner.type, owner.id, dto.channel, dto.name.trim(), dto.webhookUrl.trim(), dto.secret || null, dto.kinds, dto.enabled ?? true, scope.caller.id],
      );
      const view = await this.load(manager, id);
      await this.record(manager, scope, 'robot.created', null, view);
      return view;
    });
  }

  async update(scope: AccessScope, id: string, dto: UpdateRobotDto): Promise<RobotView> {
    if (dto.webhookUrl !== undefined) checkWebhookUrl('webhookUrl', dto.webhookUrl);
    return this.dataSource.transaction(async (manager) => {
      const current = await this.visible(scope, manager, id, true);
      if (current.channel === 'wecom' && dto.secret) throw ValidationError.of('secret', 'notifications.robot.secret-wecom');
      const sets: string[] = [];
      const params: unknown[] = [id];
      if (dto.name !== undefined) sets.push(`name = $${params.push(dto.name.trim())}`);
      if (dto.webhookUrl !== undefined) sets.push(`webhook_url = $${params.push(dto.webhookUrl.trim())}`);
      if (dto.secret !== undefined) sets.push(`secret = $${params.push(dto.secret || null)}`);
      if (dto.kinds !== undefined) sets.push(`kinds = $${params.push(dto.kinds)}`);
      if (dto.enabled !== undefined) sets.push(`enabled = $${params.push(dto.enabled)}`);
      if (sets.length) await manager.query(`UPDATE notification_robot SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
      const view = await this.load(manager, id);
      await this.record(manager, scope, 'robot.updated', toView(current), view, dto.secret !== undefined);
      return view;
    });
  }

  async remove(scope: AccessScope, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.visible(scope, manager, id, true);
      await manager.query('DELETE FROM notification_robot WHERE id = $1', [id]);
      await this.record(manager, scope, 'robot.deleted', toView(current), null);
    });
  }

  /** Sends a test message now and says what the robot answered; nothing is queued or retried. */
  async test(scope: AccessScope, id: string): Promise<RobotTestView> {
    const robot = await this.visible(scope, this.dataSource.manager, id);
    const result = await sendToRobot(robot.channel, robot.webhook_url, robot.secret, {
      title: '教联平台测试消息',
      text: `这是来自教联平台的测试消息：${robot.owner_name ?? ''}的群机器人「${robot.name}」设置成功。`,
    });
    await this.dataSource.query(
      result.ok ? 'UPDATE notification_robot SET last_delivered_at = now(), last_error = NULL WHERE id = $1' : 'UPDATE notification_robot SET last_error = $2 WHERE id = $1',
      result.ok ? [id] : [id, result.error.slice(0, 500)],
    );
    return result.ok ? { delivered: true, error: null } : { delivered: false, error: result.error };
  }

  private assertManages(scope: AccessScope, owner: Owner): void {
    const allowed = owner.type === 'alliance' ? scope.isAllianceAdmin(owner.id, owner.districtId) : scope.isSchoolAdmin(owner.id, owner.districtId);
    if (!allowed) throw ForbiddenError.of('notifications.robot.manage-forbidden');
  }

  /** The alliance or school from the directory; one outside the caller's districts answers 404 like a missing one. */
  private async owner(manager: EntityManager, type: RobotOwnerType | null, id: string): Promise<Owner> {
    const rows: { type: RobotOwnerType; district_id: string; name: string | null }[] = await manager.query(
      `SELECT 'school' AS type, district_id, name FROM directory_school WHERE id = $1
       UNION ALL SELECT 'alliance' AS type, district_id, name FROM directory_alliance WHERE id = $1`,
      [id],
    );
    const found = rows.find((r) => type === null || r.type === type);
    if (!found) throw new NotFoundError(type ?? 'school', id);
    return { type: found.type, id, districtId: found.district_id, name: found.name ?? '' };
  }

  private async visible(scope: AccessScope, manager: EntityManager, id: string, lock = false): Promise<RobotRow> {
    if (lock) await manager.query('SELECT id FROM notification_robot WHERE id = $1 FOR UPDATE', [id]);
    const [row]: RobotRow[] = await manager.query(`${SELECT} WHERE r.id = $1`, [id]);
    if (!row || !scope.inDistrict(row.district_id)) throw new NotFoundError('robot', id);
    this.assertManages(scope, { type: row.owner_type, id: row.owner_id, districtId: row.district_id, name: row.owner_name ?? '' });
    return row;
  }

  private async load(manager: EntityManager, id: string): Promise<RobotView> {
    const [row]: RobotRow[] = await manager.query(`${SELECT} WHERE r.id = $1`, [id]);
    return toView(row as RobotRow);
  }

  private async record(manager: EntityManager, scope: AccessScope, action: string, before: RobotView | null, after: RobotView | null, secretChanged = false): Promise<void> {
    const view = after ?? before;
    if (!view) return;
    const snapshot = (v: RobotView | null): Record<string, unknown> | null => v && {
      ownerType: v.ownerType, ownerId: v.ownerId, channel: v.channel, name: v.name, webhookUrl: v.webhookUrlMasked, hasSecret: v.hasSecret, kinds: v.kinds, enabled: v.enabled,
    };
    await this.audit.record(manager, scope.caller, {
      districtId: view.districtId, action, entityType: 'notification_robot', entityId: view.id,
      before: snapshot(before), after: after ? { ...snapshot(after), ...(secretChanged ? { secretChanged: true } : {}) } : null,
    });
  }
}
