import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState, QueryBoundary } from '../../components/states';
import { useUserBodyMemberships, type BodyRole, type UserBodyMembershipView } from './api';

/** A person's memberships of alliance bodies, current first: a card of the user page. */
export function UserBodyMemberships({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const query = useUserBodyMemberships(userId);
  const label = (key: string) => t(`organisation.fields.${key}`);
  return (
    <Card title={t('organisation.user.title')} style={{ marginTop: 16 }}>
      <QueryBoundary isPending={query.isPending} error={query.error} refetch={query.refetch}>
        {() => (
          <Table<UserBodyMembershipView>
            rowKey="id"
            data-testid="user-body-memberships"
            pagination={false}
            dataSource={query.data ?? []}
            locale={{ emptyText: <EmptyState title={t('organisation.user.empty')} /> }}
            columns={[
              { title: label('body'), key: 'body', render: (_: unknown, m) => <Link to={`/bodies/${m.body.id}`}>{m.body.name}</Link> },
              { title: label('kind'), dataIndex: 'bodyKind', render: (k: UserBodyMembershipView['bodyKind']) => t(`organisation.kind.${k}`) },
              { title: label('alliance'), key: 'alliance', render: (_: unknown, m) => <Link to={`/alliances/${m.alliance.id}`}>{m.alliance.name}</Link> },
              { title: label('school'), dataIndex: ['school', 'name'] },
              { title: label('role'), dataIndex: 'role', render: (r: BodyRole) => t(`organisation.role.${r}`) },
              { title: label('termFrom'), dataIndex: 'termFrom' },
              { title: label('termTo'), key: 'termTo', render: (_: unknown, m) => m.endedOn ?? m.termTo ?? t('common.none') },
              { title: label('status'), dataIndex: 'status', render: (s: UserBodyMembershipView['status']) => <Tag color={s === 'current' ? 'green' : undefined}>{t(`organisation.status.${s}`)}</Tag> },
            ]}
          />
        )}
      </QueryBoundary>
    </Card>
  );
}
