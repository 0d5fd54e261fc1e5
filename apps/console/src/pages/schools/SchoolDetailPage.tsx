import { App, Button, Card, Descriptions, Form, Input, List, Modal, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { unwrap, type CampusView, type CreateCampusDto, type SchoolView } from '@jiaolian/api-client';
import { api } from '../../api/client';
import { queryKeys, useSchool } from '../../api/queries';
import { useMe } from '../../auth/AuthProvider';
import { canManageSchool } from '../../auth/roles';
import { formatDateTime } from '../../components/format';
import { applyFieldErrors } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState, QueryBoundary } from '../../components/states';

function AddCampusModal({ school, open, onClose }: { school: SchoolView; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateCampusDto>();
  const [extra, setExtra] = useState<ReturnType<typeof applyFieldErrors>>([]);
  const mutation = useMutation({
    mutationFn: (body: CreateCampusDto) => unwrap(api.http.POST('/api/v1/schools/{id}/campuses', { params: { path: { id: school.id } }, body })),
    onSuccess: async () => {
      void message.success(t('school.detail.campusAdded'));
      await queryClient.invalidateQueries({ queryKey: queryKeys.school(school.id) });
      form.resetFields();
      onClose();
    },
    onError: (e) => setExtra(applyFieldErrors(form, e)),
  });
  return (
    <Modal
      title={t('school.detail.addCampus')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <ProblemAlert error={mutation.error} extraFieldErrors={extra} />
      <Form<CreateCampusDto> form={form} layout="vertical" onFinish={(v) => mutation.mutate({ name: v.name.trim(), address: v.address?.trim() || undefined })}>
        <Form.Item name="name" label={t('school.detail.campusName')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('school.detail.campusName') }) }, { max: 64, message: t('validation.maxLength', { field: t('school.detail.campusName'), max: 64 }) }]}>
          <Input />
        </Form.Item>
        <Form.Item name="address" label={t('school.detail.campusAddress')} rules={[{ max: 128, message: t('validation.maxLength', { field: t('school.detail.campusAddress'), max: 128 }) }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SchoolDetail({ school }: { school: SchoolView }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const canEdit = canManageSchool(me, school.id);
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Space align="baseline">
          <Typography.Title level={1} style={{ margin: 0 }}>
            {school.name}
          </Typography.Title>
          <Tag>{t(`school.locale.${school.locale}`)}</Tag>
          <Tag color="blue">{t(`school.stage.${school.stage}`)}</Tag>
        </Space>
        {canEdit && (
          <Button icon={<EditOutlined />} onClick={() => navigate(`/schools/${school.id}/edit`)}>
            {t('common.edit')}
          </Button>
        )}
      </Space>
      <Card title={t('school.detail.basic')}>
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('school.fields.code')}>{school.code}</Descriptions.Item>
          <Descriptions.Item label={t('school.fields.township')}>{school.township}</Descriptions.Item>
          <Descriptions.Item label={t('school.fields.address')}>{school.address ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('school.fields.studentCount')}>{school.studentCount}</Descriptions.Item>
          <Descriptions.Item label={t('school.fields.teacherCount')}>{school.teacherCount}</Descriptions.Item>
          <Descriptions.Item label={t('school.fields.classCount')}>{school.classCount}</Descriptions.Item>
          <Descriptions.Item label={t('school.fields.updatedAt')}>{formatDateTime(school.updatedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={t('school.detail.campuses')}
        style={{ marginTop: 16 }}
        extra={canEdit && <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('school.detail.addCampus')}</Button>}
      >
        <Table<CampusView>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={school.campuses}
          locale={{ emptyText: <EmptyState title={t('school.detail.noCampuses')} /> }}
          columns={[
            { title: t('school.detail.campusName'), dataIndex: 'name' },
            { title: t('school.detail.campusAddress'), dataIndex: 'address', render: (a: string | null) => a ?? t('common.none') },
          ]}
        />
      </Card>
      <Card title={t('school.detail.alliances')} style={{ marginTop: 16 }} data-testid="school-alliances">
        {school.alliances.length === 0 ? (
          <EmptyState title={t('school.detail.noAlliances')} hint={t('school.detail.noAlliancesHint')} />
        ) : (
          <List
            dataSource={school.alliances}
            renderItem={(a) => (
              <List.Item>
                <Link to={`/alliances/${a.id}`}>{a.name}</Link>
                <Tag color="green">{t(`alliance.memberRole.${a.role}`, { defaultValue: a.role })}</Tag>
              </List.Item>
            )}
          />
        )}
      </Card>
      <AddCampusModal school={school} open={adding} onClose={() => setAdding(false)} />
    </>
  );
}

export function SchoolDetailPage() {
  const { id } = useParams();
  const school = useSchool(id);
  return (
    <QueryBoundary isPending={school.isPending} error={school.error} refetch={school.refetch}>
      {() => school.data && <SchoolDetail school={school.data} />}
    </QueryBoundary>
  );
}
