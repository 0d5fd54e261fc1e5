import { Alert, App, Button, Modal, Table, Tag, Typography } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../components/problem';
import { useCreateTeacherAccounts, type TeacherAccountsResultView, type TeacherAccountView } from './api';

interface SelectedTeacher { id: string; schoolId: string; staffNo: string; name: string }

/** The account column of the roster: the username, and whether the initial password is still unchanged. */
export function AccountCell({ account }: { account: TeacherAccountView | undefined }) {
  const { t } = useTranslation();
  if (!account) return <Typography.Text type="secondary">{t('myWeek.accounts.none')}</Typography.Text>;
  return (
    <span>
      {account.username}
      {account.mustChangePassword ? <Tag color="gold" style={{ marginInlineStart: 6 }}>{t('myWeek.accounts.mustChange')}</Tag> : null}
    </span>
  );
}

/** Writes the result as a workbook (loaded on first use: the spreadsheet library is large). */
async function downloadWorkbook(result: TeacherAccountsResultView, teachers: SelectedTeacher[], t: (key: string) => string): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t('myWeek.accounts.fileName'));
  sheet.columns = [
    { header: t('myWeek.accounts.column.staffNo'), key: 'staffNo', width: 14 },
    { header: t('myWeek.accounts.column.name'), key: 'name', width: 14 },
    { header: t('myWeek.accounts.column.username'), key: 'username', width: 28 },
    { header: t('myWeek.accounts.column.password'), key: 'password', width: 18 },
    { header: t('myWeek.accounts.column.status'), key: 'status', width: 14 },
  ];
  const staffNo = new Map(teachers.map((teacher) => [teacher.id, teacher.staffNo]));
  for (const account of result.accounts) {
    sheet.addRow({
      staffNo: staffNo.get(account.teacherId) ?? '', name: account.displayName, username: account.username, password: account.initialPassword ?? '',
      status: account.created ? t('myWeek.accounts.created') : t('myWeek.accounts.existing'),
    });
  }
  sheet.getRow(1).font = { bold: true };
  const buffer = await workbook.xlsx.writeBuffer();
  const url = URL.createObjectURL(new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${t('myWeek.accounts.fileName')}.xlsx`;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * 开通账号: accounts for the roster teachers selected in the list (one school at a time). The result
 * shows each new account's initial password once, with a workbook to hand them out.
 */
export function CreateAccountsButton({ selected, onDone }: { selected: SelectedTeacher[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateTeacherAccounts();
  const [result, setResult] = useState<TeacherAccountsResultView | null>(null);
  const [teachers, setTeachers] = useState<SelectedTeacher[]>([]);
  const schools = new Set(selected.map((s) => s.schoolId));

  const run = () => {
    if (!selected.length) return void message.info(t('myWeek.accounts.selectFirst'));
    if (schools.size > 1) return void message.warning(t('myWeek.accounts.oneSchool'));
    const chosen = [...selected];
    create.mutate({ schoolId: chosen[0]!.schoolId, teacherIds: chosen.map((s) => s.id) }, {
      onSuccess: (answer) => {
        setTeachers(chosen);
        setResult(answer);
        onDone();
      },
      onError: (e) => void message.error(problemMessage(t, e)),
    });
  };

  return (
    <>
      <Button icon={<KeyOutlined />} loading={create.isPending} onClick={run} title={t('myWeek.accounts.createHint', { count: selected.length })}>
        {t('myWeek.accounts.create')}{selected.length ? ` (${selected.length})` : ''}
      </Button>
      <Modal
        title={t('myWeek.accounts.resultTitle')} open={result !== null} onCancel={() => setResult(null)} width={720} destroyOnHidden
        footer={[
          <Button key="download" type="primary" onClick={() => result && void downloadWorkbook(result, teachers, t)}>{t('myWeek.accounts.download')}</Button>,
          <Button key="close" onClick={() => setResult(null)}>{t('myWeek.accounts.close')}</Button>,
        ]}
      >
        {result ? (
          <>
            <Typography.Paragraph data-testid="accounts-summary">{t('myWeek.accounts.summary', { created: result.created, existing: result.existing })}</Typography.Paragraph>
            {result.created ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('myWeek.accounts.onceOnly')} /> : null}
            <Table<TeacherAccountView>
              rowKey="teacherId" size="small" pagination={false} dataSource={result.accounts} scroll={{ y: 360 }}
              columns={[
                { title: t('myWeek.accounts.column.name'), dataIndex: 'displayName' },
                { title: t('myWeek.accounts.column.username'), dataIndex: 'username' },
                { title: t('myWeek.accounts.column.password'), dataIndex: 'initialPassword', render: (p: string | null) => (p ? <Typography.Text code copyable>{p}</Typography.Text> : '—') },
                { title: t('myWeek.accounts.column.status'), dataIndex: 'created', render: (c: boolean) => (c ? <Tag color="green">{t('myWeek.accounts.created')}</Tag> : <Tag>{t('myWeek.accounts.existing')}</Tag>) },
              ]}
            />
          </>
        ) : null}
      </Modal>
    </>
  );
}
