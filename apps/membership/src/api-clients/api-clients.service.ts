import {
  SECRET_GRACE_DEFAULT_SECONDS, type ApiClientStatus, type ApiClientView, type ApiClientWithSecretView, type ApiScope, type ClientTokenView,
  type CreateApiClientDto, type IssueClientTokenRequest, type ListApiClientsQueryDto, type Page, type UpdateApiClientDto,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, CallerTokens, ConflictError, DomainError, ForbiddenError, likePattern, NotFoundError, pageWindow, RevocationPublisher,
  sortOrder, toPage, UnauthenticatedError, ValidationError,
} from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  assignmentsOfReach, grantScopes, hashClientSecret, newClientId, newClientSecret, secretLive, secretMatches,
} from './api-client.rules.js';

/** Client tokens live 10 minutes: a revoked client is cut off at once anyway, a stolen token soon. */
export const CLIENT_TOKEN_TTL_SECONDS = 10 * 60;
export const DEFAULT_CLIENT_RATE_LIMIT = 600;

interface ClientRow {
  id: string;
  client_id: string;
  district_id: string;
  name: string;
  description: string | null;
  scopes: ApiScope[];
  reach_district_ids: string[];
  reach_alliance_ids: string[];
  rate_limit_per_minute: number;
  status: ApiClientStatus;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  version: number;
  secret_issued_at: Date | null;
}

const CLIENT_COLUMNS = `c.id, c.client_id, c.district_id, c.name, c.description, c.scopes, c.reach_district_ids, c.reach_alliance_ids,
  c.rate_limit_per_minute, c.status, c.created_by, c.created_at, c.updated_at, c.version,
  (SELECT max(s.created_at) FROM api_client_secret s WHERE s.client_id = c.id AND s.expires_at IS NULL) AS secret_issued_at`;

const toView = (row: ClientRow): ApiClientView => ({
  id: row.id, clientId: row.client_id, districtId: row.district_id, name: row.name, description: row.description, scopes: row.scopes,
  reach: { districtIds: row.reach_district_ids, allianceIds: row.reach_alliance_ids }, rateLimitPerMinute: row.rate_limit_per_minute,
  status: row.status, createdBy: row.created_by, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
  secretIssuedAt: row.secret_issued_at ? new Date(row.secret_issued_at).toISOString() : null, version: row.version,
});

/** What the audit log keeps of a client: never a secret or its hash. */
const snapshot = (view: ApiClientView): Record<string, unknown> => ({
  clientId: view.clientId, name: view.name, description: view.description, scopes: view.scopes, reach: view.reach,
  rateLimitPerMinute: view.rateLimitPerMinute, status: view.status,
});

/** Rows come back as an array, or for UPDATE … RETURNING as [rows, count]. */
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];

/**
 * API clients (第三方应用): registered by a district's admin, authenticated by a secret that is shown
 * once and stored hashed, rotated with a grace period for the old secret, revoked at once. Tokens a
 * client gets are caller tokens of kind 'client' whose assignments come from the client's reach, so
 * every service scopes a client's data as it scopes a person's. Changing or revoking a client voids
 * its tokens through the revocation bucket.
 */
@Injectable()
export class ApiClientsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    private readonly tokens: CallerTokens,
    private readonly revocations: RevocationPublisher,
  ) {}

  async create(scope: AccessScope, dto: CreateApiClientDto): Promise<ApiClientWithSecretView> {
    this.assertManages(scope, dto.districtId, () => ForbiddenError.of('membership.api-client.manage-forbidden'));
    const secret = newClientSecret();
    return this.dataSource.transaction(async (manager) => {
      const reach = await this.checkedReach(manager, dto.districtId, dto.reach, 'reach');
      const [inserted] = rowsOf<{ id: string }>(await manager.query(
        `INSERT INTO api_client (client_id, district_id, name, description, scopes, reach_district_ids, reach_alliance_ids, rate_limit_per_minute, status, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9) RETURNING id`,
        [newClientId(), dto.districtId, dto.name, dto.description ?? null, dto.scopes, reach.districtIds, reach.allianceIds,
          dto.rateLimitPerMinute ?? DEFAULT_CLIENT_RATE_LIMIT, scope.caller.id],
      ));
      const id = (inserted as { id: string }).id;
      await manager.query('INSERT INTO api_client_secret (client_id, secret_hash) VALUES ($1, $2)', [id, hashClientSecret(secret)]);
      const view = await this.load(manager, id);
      await this.audit.record(manager, scope.caller, { districtId: view.districtId, action: 'api_client.created', entityType: 'api_client', entityId: id, after: snapshot(view) });
      return { client: view, clientSecret: secret, previousSecretExpiresAt: null };
    });
  }

  async list(scope: AccessScope, query: ListApiClientsQueryDto): Promise<Page<ApiClientView>> {
    this.assertUser(scope);
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { name: 'c.name', createdAt: 'c.created_at', status: 'c.status' }, '-createdAt');
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => `$${params.push(value)}`;
    if (!scope.isPlatformAdmin) where.push(`c.district_id = ANY(${param(scope.adminDistrictIds())}::uuid[])`);
    if (query.districtId) where.push(`c.district_id = ${param(query.districtId)}`);
    if (query.status) where.push(`c.status = ${param(query.status)}`);
    if (query.q) {
      const q = param(likePattern(query.q));
      where.push(`(c.name ILIKE ${q} ESCAPE '\\' OR c.client_id ILIKE ${q} ESCAPE '\\')`);
    }
    const condition = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM api_client c ${condition}`, params)) as [{ total: number }];
    const rows = (await this.dataSource.query(
      `SELECT ${CLIENT_COLUMNS} FROM api_client c ${condition} ORDER BY ${order.column} ${order.direction}, c.id
       LIMIT ${param(window.pageSize)} OFFSET ${param(window.offset)}`, params,
    )) as ClientRow[];
    return toPage(rows.map(toView), total, window);
  }

  async get(scope: AccessScope, id: string): Promise<ApiClientView> {
    return this.visible(scope, this.dataSource.manager, id);
  }

  async update(scope: AccessScope, id: string, changes: UpdateApiClientDto): Promise<ApiClientView> {
    return this.withTokensCutOff(id, async (manager) => {
      const before = await this.visible(scope, manager, id, true);
      if (before.status === 'revoked') throw ConflictError.of('membership.api-client.revoked');
      const reach = changes.reach ? await this.checkedReach(manager, before.districtId, changes.reach, 'changes.reach') : before.reach;
      await manager.query(
        `UPDATE api_client SET name = $2, description = $3, scopes = $4, reach_district_ids = $5, reach_alliance_ids = $6, rate_limit_per_minute = $7,
           updated_at = now(), version = version + 1 WHERE id = $1`,
        [id, changes.name ?? before.name, changes.description !== undefined ? changes.description : before.description, changes.scopes ?? before.scopes,
          reach.districtIds, reach.allianceIds, changes.rateLimitPerMinute ?? before.rateLimitPerMinute],
      );
      const after = await this.load(manager, id);
      await this.audit.record(manager, scope.caller, {
        districtId: after.districtId, action: 'api_client.updated', entityType: 'api_client', entityId: id, before: snapshot(before), after: snapshot(after),
      });
      return after;
    });
  }

  /**
   * A new secret; the old one keeps working for `graceSeconds` (default 24 h; 0 ends it at once) so the
   * third party can deploy the new one without downtime. Tokens already issued stay valid until they expire.
   */
  async rotateSecret(scope: AccessScope, id: string, graceSeconds = SECRET_GRACE_DEFAULT_SECONDS): Promise<ApiClientWithSecretView> {
    const secret = newClientSecret();
    return this.dataSource.transaction(async (manager) => {
      const client = await this.visible(scope, manager, id, true);
      if (client.status === 'revoked') throw ConflictError.of('membership.api-client.revoked');
      const [ends] = rowsOf<{ at: Date }>(await manager.query(`SELECT now() + make_interval(secs => $1) AS at`, [graceSeconds]));
      const expiresAt = (ends as { at: Date }).at;
      await manager.query(
        `UPDATE api_client_secret SET expires_at = LEAST(COALESCE(expires_at, 'infinity'::timestamptz), $2) WHERE client_id = $1`, [id, expiresAt],
      );
      await manager.query('INSERT INTO api_client_secret (client_id, secret_hash) VALUES ($1, $2)', [id, hashClientSecret(secret)]);
      await manager.query('UPDATE api_client SET updated_at = now(), version = version + 1 WHERE id = $1', [id]);
      const view = await this.load(manager, id);
      await this.audit.record(manager, scope.caller, {
        districtId: view.districtId, action: 'api_client.secret_rotated', entityType: 'api_client', entityId: id,
        after: { previousSecretExpiresAt: new Date(expiresAt).toISOString(), graceSeconds },
      });
      return { client: view, clientSecret: secret, previousSecretExpiresAt: new Date(expiresAt).toISOString() };
    });
  }

  /** Revokes the client: its secrets stop working and its tokens are refused at once, everywhere. */
  async revoke(scope: AccessScope, id: string): Promise<ApiClientView> {
    return this.withTokensCutOff(id, async (manager) => {
      const before = await this.visible(scope, manager, id, true);
      if (before.status === 'revoked') return before;
      await manager.query(`UPDATE api_client SET status = 'revoked', updated_at = now(), version = version + 1 WHERE id = $1`, [id]);
      await manager.query('UPDATE api_client_secret SET expires_at = now() WHERE client_id = $1 AND (expires_at IS NULL OR expires_at > now())', [id]);
      const after = await this.load(manager, id);
      await this.audit.record(manager, scope.caller, {
        districtId: after.districtId, action: 'api_client.revoked', entityType: 'api_client', entityId: id, before: snapshot(before), after: snapshot(after),
      });
      return after;
    });
  }

  /**
   * The client credentials grant (RFC 6749 §4.4): a short-lived caller token for an active client
   * whose secret matches a live one. Every failure to authenticate answers the same error, so nobody
   * learns whether the client id or the secret was wrong.
   */
  async issueToken(request: IssueClientTokenRequest): Promise<ClientTokenView> {
    const [client] = (await this.dataSource.query(
      `SELECT ${CLIENT_COLUMNS} FROM api_client c WHERE c.client_id = $1`, [request.clientId],
    )) as ClientRow[];
    const secrets = client && client.status === 'active'
      ? ((await this.dataSource.query('SELECT secret_hash, expires_at FROM api_client_secret WHERE client_id = $1', [client.id])) as { secret_hash: string; expires_at: Date | null }[])
      : [];
    const now = new Date();
    const matched = secrets.some((s) => secretLive(s.expires_at, now) && secretMatches(s.secret_hash, request.clientSecret));
    if (!client || !matched) throw UnauthenticatedError.of('membership.oauth.invalid-client');
    const granted = grantScopes(client.scopes, request.scopes);
    if ('missing' in granted) {
      throw DomainError.coded('validation-failed', 'membership.oauth.invalid-scope', { scopes: granted.missing.join(' ') });
    }
    const accessToken = await this.tokens.sign({
      kind: 'client', id: client.id, displayName: client.name, scopes: granted.scopes, rateLimitPerMinute: client.rate_limit_per_minute,
      assignments: assignmentsOfReach(client.district_id, { districtIds: client.reach_district_ids, allianceIds: client.reach_alliance_ids }),
    }, CLIENT_TOKEN_TTL_SECONDS);
    return { access_token: accessToken, token_type: 'Bearer', expires_in: CLIENT_TOKEN_TTL_SECONDS, scope: granted.scopes.join(' ') };
  }

  private assertUser(scope: AccessScope): void {
    // clients never manage clients, whatever their scopes: a leaked client could otherwise mint more
    if (scope.caller.kind !== 'user') throw ForbiddenError.of('membership.api-client.manage-forbidden');
  }

  private assertManages(scope: AccessScope, districtId: string, refuse: () => DomainError): void {
    this.assertUser(scope);
    if (!scope.isDistrictAdmin(districtId)) throw refuse();
  }

  /** The client if the caller administers its district; otherwise not found. `lock` holds it for the change. */
  private async visible(scope: AccessScope, manager: EntityManager, id: string, lock = false): Promise<ApiClientView> {
    this.assertUser(scope);
    const [row] = (await manager.query(`SELECT district_id FROM api_client WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id])) as { district_id: string }[];
    if (!row || !scope.isDistrictAdmin(row.district_id)) throw new NotFoundError('api client', id);
    return this.load(manager, id);
  }

  private async load(manager: EntityManager, id: string): Promise<ApiClientView> {
    const [row] = (await manager.query(`SELECT ${CLIENT_COLUMNS} FROM api_client c WHERE c.id = $1`, [id])) as ClientRow[];
    if (!row) throw new NotFoundError('api client', id);
    return toView(row);
  }

  /** The reach as stored: the owning district at most, and alliances of that district. */
  private async checkedReach(
    manager: EntityManager, districtId: string, reach: { districtIds?: string[]; allianceIds?: string[] }, field: string,
  ): Promise<{ districtIds: string[]; allianceIds: string[] }> {
    const districtIds = reach.districtIds ?? [];
    const allianceIds = reach.allianceIds ?? [];
    if (districtIds.length === 0 && allianceIds.length === 0) throw ValidationError.of(field, 'membership.api-client.reach-empty');
    if (districtIds.some((id) => id !== districtId)) throw ValidationError.of(`${field}.districtIds`, 'membership.api-client.district-outside');
    if (allianceIds.length > 0) {
      const [{ found }] = (await manager.query(
        'SELECT count(*)::int AS found FROM alliance WHERE id = ANY($1::uuid[]) AND district_id = $2', [allianceIds, districtId],
      )) as [{ found: number }];
      if (found !== allianceIds.length) throw ValidationError.of(`${field}.allianceIds`, 'membership.api-client.alliance-outside');
    }
    return { districtIds, allianceIds };
  }

  /**
   * Runs `work` in a transaction and voids the client's tokens issued until then: published inside
   * the transaction (a failed publish rolls the change back) and again after the commit, so a token
   * issued from the old row just before the commit is void as well.
   */
  private async withTokensCutOff<T>(clientId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(async (manager) => {
      const done = await work(manager);
      await this.revocations.revokeUser(clientId);
      return done;
    });
    await this.revocations.revokeUser(clientId).catch(() => undefined);
    return result;
  }
}
