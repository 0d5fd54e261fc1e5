import { Alert, Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { components } from '@jiaolian/api-client';
import { useProcesses } from '../../api/queries';
import { formatDateTime } from '../../components/format';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState } from '../../components/states';

type ProcessStateView = components['schemas']['ProcessStateView'];

const STATE_COLORS: Record<ProcessStateView['state'], string> = { starting: 'processing', running: 'success', 'backing-off': 'error', stopped: 'default' };

/** The processes the local launcher supervises: state, restarts and how each last ended. */
export function ProcessesPanel() {
  const { t } = useTranslation();
  const processes = useProcesses(true);
  const board = processes.data;
  const lastExit = (exit: ProcessStateView['lastExit']) => {
    if (!exit) return t('common.none');
    const how = exit.signal ? t('processes.exitSignal', { signal: exit.signal }) : t('processes.exitCode', { code: exit.code });
    return `${how} · ${formatDateTime(exit.at)}`;
  };
  return (
    <Card title={t('processes.title')} style={{ marginTop: 16 }} data-testid="processes">
      {processes.error ? (
        <ProblemAlert error={processes.error} onRetry={() => void processes.refetch()} />
      ) : board && !board.supervised ? (
        <Alert type="info" showIcon title={t('processes.unsupervised')} />
      ) : (
        <>
          {board?.supervisor && (
            <Typography.Paragraph type="secondary">
              {t('processes.supervisor', { pid: board.supervisor.pid, host: board.supervisor.host, startedAt: formatDateTime(board.supervisor.startedAt) })}
            </Typography.Paragraph>
          )}
          <Table<ProcessStateView>
            size="small"
            rowKey="name"
            loading={processes.isPending}
            pagination={false}
            dataSource={board?.processes ?? []}
            locale={{ emptyText: <EmptyState title={t('processes.empty')} /> }}
            columns={[
              { title: t('processes.name'), dataIndex: 'name' },
              { title: t('processes.role'), dataIndex: 'role', render: (role: ProcessStateView['role']) => t(`processes.roles.${role}`) },
              {
                title: t('processes.state'),
                dataIndex: 'state',
                render: (state: ProcessStateView['state'], row) => (
                  <>
                    <Tag color={STATE_COLORS[state]}>{t(`processes.states.${state}`)}</Tag>
                    {row.nextAttemptAt && <Typography.Text type="secondary">{t('processes.nextAttempt', { time: formatDateTime(row.nextAttemptAt) })}</Typography.Text>}
                  </>
                ),
              },
              { title: t('processes.pid'), dataIndex: 'pid', render: (pid: number | null) => pid ?? t('common.none') },
              { title: t('processes.restarts'), dataIndex: 'restarts', render: (n: number) => (n > 0 ? <Tag color="warning">{n}</Tag> : n) },
              { title: t('processes.lastExit'), dataIndex: 'lastExit', render: lastExit },
              { title: t('processes.since'), dataIndex: 'since', render: (since: string | null) => formatDateTime(since) },
            ]}
          />
        </>
      )}
    </Card>
  );
}
