import { App, Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Radio, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAlliances } from '../../api/queries';
import { useAuth, useMe } from '../../auth/AuthProvider';
import { adminAllianceIds, adminSchoolIds, isDistrictAdmin } from '../../auth/roles';
import { formatDateTime } from '../../components/format';
import { problemMessage } from '../../components/problem';
import { SchoolSelect } from '../../components/SchoolSelect';
import { EmptyState, QueryBoundary } from '../../components/states';
import {
  createRobot, deleteRobot, kindLabelKey, NOTIFICATION_KINDS, notificationKeys, ROBOT_CHANNELS, testRobot, updateRobot, useRobots, type CreateRobotDto, type RobotOwnerType,
  type RobotView, type UpdateRobotDto,
} from './api';

/** The chat robots (WeCom, DingTalk) of the schools and alliances the user administers: add, change, test, remove. */
export function RobotsPage() {
  const { t } = useTranslation();
  const robots = useRobots(undefined);
  const [editing, setEditing] = useState<RobotView | 'new' | null>(null);
  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
        <div>
          <Typography.Title level={1}>{t('notifications.robots.title')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('notifications.robots.subtitle')}</Typography.Paragraph>
        </div>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('notifications.robots.add')}</Button>
      </Space>
      <QueryBoundary isPending={robots.isPending} error={robots.error} refetch={robots.refetch}>
        {() => (robots.data?.items.length
          ? <RobotsTable robots={robots.data.items} onEdit={setEditing} />
          : <EmptyState title={t('notifications.robots.empty')} hint={t('notifications.robots.emptyHint')} />)}
      </QueryBoundary>
      {editing && <RobotForm robot={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function useRobotMutation<V>(fn: (v: V) => Promise<unknown>, success: string, after?: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      void message.success(t(success));
      await queryClient.invalidateQueries({ queryKey: notificationKeys.all });
      after?.();
    },
    onError: (e) => void message.error(problemMessage(t, e)),
  });
}

function RobotsTable({ robots, onEdit }: { robots: RobotView[]; onEdit: (r: RobotView) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const remove = useRobotMutation((id: string) => deleteRobot(id), 'notifications.robots.deleted');
  const test = useMutation({
    mutationFn: testRobot,
    onSuccess: async (answer) => {
      if (answer.delivered) void message.success(t('notifications.robots.tested'));
      else void message.error(t('notifications.robots.testFailed', { error: answer.error ?? '' }));
      await queryClient.invalidateQueries({ queryKey: notificationKeys.all });
    },
    onError: (e) => void message.error(problemMessage(t, e)),
  });
  return (
    <Table<RobotView>
      rowKey="id"
      dataSource={robots}
      pagination={false}
      columns={[
        { title: t('notifications.robots.owner'), render: (_, r) => <Space><Tag>{t(`notifications.ownerType.${r.ownerType}`)}</Tag>{r.ownerName}</Space> },
        { title: t('notifications.robots.name'), dataIndex: 'name' },
        { title: t('notifications.robots.channel'), render: (_, r) => t(`notifications.channel.${r.channel}`) },
        { title: t('notifications.robots.webhookUrl'), render: (_, r) => <Typography.Text code style={{ fontSize: 12 }}>{r.webhookUrlMasked}</Typography.Text> },
        { title: t('notifications.robots.kinds'), render: (_, r) => r.kinds.map((k) => <Tag key={k}>{t(kindLabelKey(k))}</Tag>) },
        { title: t('notifications.robots.enabled'), render: (_, r) => (r.enabled ? <Tag color="green">✓</Tag> : <Tag>—</Tag>) },
        {
          title: t('notifications.robots.lastDelivered'),
          render: (_, r) => <>{formatDateTime(r.lastDeliveredAt)}{r.lastError && <div><Typography.Text type="danger" style={{ fontSize: 12 }}>{r.lastError}</Typography.Text></div>}</>,
        },
        {
          key: 'actions',
          render: (_, r) => (
            <Space>
              <Button size="small" onClick={() => test.mutate(r.id)} loading={test.isPending && test.variables === r.id}>{t('notifications.robots.test')}</Button>
              <Button size="small" onClick={() => onEdit(r)}>{t('notifications.robots.edit')}</Button>
              <Popconfirm title={t('notifications.robots.confirmRemove')} onConfirm={() => remove.mutate(r.id)}>
                <Button size="small" danger>{t('notifications.robots.remove')}</Button>
              </Popconfirm>
            </Space>
          ),
        },
      ]}
    />
  );
}

interface RobotFormValues {
  ownerType: RobotOwnerType;
  ownerId: string;
  channel: CreateRobotDto['channel'];
  name: string;
  webhookUrl: string;
  secret?: string;
  kinds: CreateRobotDto['kinds'];
  enabled: boolean;
}

function RobotForm({ robot, onClose }: { robot: RobotView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { districtId } = useAuth();
  const [form] = Form.useForm<RobotFormValues>();
  const ownerType = Form.useWatch('ownerType', form) ?? robot?.ownerType ?? 'school';
  const channel = Form.useWatch('channel', form) ?? robot?.channel ?? 'wecom';
  const district = isDistrictAdmin(me);
  const alliances = useAlliances({ pageSize: 100, ...(districtId ? { districtId } : {}) });
  const allianceOptions = (alliances.data?.items ?? [])
    .filter((a) => district || adminAllianceIds(me).includes(a.id))
    .map((a) => ({ value: a.id, label: a.name }));
  const mySchools = me.assignments.filter((a) => a.role === 'school_admin' && a.schoolId).map((a) => ({ value: a.schoolId as string, label: a.scopeName ?? a.schoolId }));
  const ownerTypes: RobotOwnerType[] = [
    ...(district || adminSchoolIds(me).length ? ['school' as const] : []),
    ...(district || adminAllianceIds(me).length ? ['alliance' as const] : []),
  ];
  const create = useRobotMutation((v: CreateRobotDto) => createRobot(v), 'notifications.robots.created', onClose);
  const update = useRobotMutation((v: { id: string; body: UpdateRobotDto }) => updateRobot(v.id, v.body), 'notifications.robots.saved', onClose);

  const submit = (v: RobotFormValues) => {
    if (robot) {
      const body: UpdateRobotDto = { name: v.name, kinds: v.kinds, enabled: v.enabled };
      if (v.webhookUrl) body.webhookUrl = v.webhookUrl;
      if (v.secret) body.secret = v.secret;
      update.mutate({ id: robot.id, body });
    } else {
      create.mutate({ ownerType: v.ownerType, ownerId: v.ownerId, channel: v.channel, name: v.name, webhookUrl: v.webhookUrl, kinds: v.kinds, enabled: v.enabled, ...(v.secret ? { secret: v.secret } : {}) });
    }
  };

  return (
    <Modal
      open
      title={robot ? t('notifications.robots.edit') : t('notifications.robots.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      width={640}
      destroyOnHidden
    >
      <Form<RobotFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={robot
          ? { ownerType: robot.ownerType, ownerId: robot.ownerId, channel: robot.channel, name: robot.name, kinds: robot.kinds, enabled: robot.enabled }
          : { ownerType: ownerTypes[0] ?? 'school', channel: 'wecom', kinds: ['placement.approval-requested'], enabled: true }}
      >
        {!robot && (
          <>
            <Form.Item name="ownerType" label={t('notifications.robots.ownerType')}>
              <Radio.Group options={ownerTypes.map((o) => ({ value: o, label: t(`notifications.ownerType.${o}`) }))} onChange={() => form.setFieldValue('ownerId', undefined)} />
            </Form.Item>
            <Form.Item name="ownerId" label={t('notifications.robots.owner')} rules={[{ required: true, message: t('notifications.robots.chooseOwner') }]}>
              {ownerType === 'alliance'
                ? <Select options={allianceOptions} placeholder={t('notifications.robots.chooseOwner')} />
                : district ? <SchoolSelect districtId={districtId} placeholder={t('notifications.robots.chooseOwner')} /> : <Select options={mySchools} placeholder={t('notifications.robots.chooseOwner')} />}
            </Form.Item>
            <Form.Item name="channel" label={t('notifications.robots.channel')}>
              <Radio.Group options={ROBOT_CHANNELS.map((c) => ({ value: c, label: t(`notifications.channel.${c}`) }))} />
            </Form.Item>
          </>
        )}
        <Form.Item name="name" label={t('notifications.robots.name')} rules={[{ required: true, max: 64 }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="webhookUrl" label={t('notifications.robots.webhookUrl')} rules={robot ? [] : [{ required: true }]} extra={robot ? robot.webhookUrlMasked : undefined}>
          <Input placeholder={channel === 'wecom' ? 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…' : 'https://oapi.dingtalk.com/robot/send?access_token=…'} />
        </Form.Item>
        {channel === 'dingtalk' && (
          <Form.Item name="secret" label={t('notifications.robots.secret')} extra={robot?.hasSecret ? t('notifications.robots.secretKept') : t('notifications.robots.secretHint')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="kinds" label={t('notifications.robots.kinds')}>
          <Checkbox.Group options={NOTIFICATION_KINDS.map((k) => ({ value: k, label: t(kindLabelKey(k)) }))} style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }} />
        </Form.Item>
        <Form.Item name="enabled" label={t('notifications.robots.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
