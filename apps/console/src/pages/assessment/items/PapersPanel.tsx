import { Alert, App, Button, Card, Input, InputNumber, Segmented, Select, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/ProblemAlert';
import type { ExamView } from '../api';
import { usePapers, useSavePaper, type PaperItemDto, type PaperView } from './api';

const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
const blank = (no: number): PaperItemDto => ({ no: String(no), section: '', fullMarks: 2, type: 'objective', key: 'A', options: 4, knowledgePoints: [], abilities: [] });

/** The paper editor: one subject at a time, its items as editable rows; saved whole. */
export function PapersPanel({ exam }: { exam: ExamView }) {
  const { t } = useTranslation();
  const papers = usePapers(exam.id);
  const [subject, setSubject] = useState(exam.subjects[0]?.name ?? '');
  const paper = papers.data?.papers.find((p) => p.subject === subject);
  if (papers.error) return <ProblemAlert error={papers.error} onRetry={() => void papers.refetch()} />;
  if (!papers.data || !paper) return <Card loading />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Segmented aria-label={t('items.subject')} value={subject} onChange={(v) => setSubject(String(v))} options={exam.subjects.map((s) => s.name)} />
      <PaperEditor key={`${exam.id}-${subject}-${paper.updatedAt ?? ''}`} examId={exam.id} paper={paper} />
    </Space>
  );
}

function PaperEditor({ examId, paper }: { examId: string; paper: PaperView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSavePaper(examId);
  const [items, setItems] = useState<PaperItemDto[]>([]);
  useEffect(() => {
    setItems(paper.items.map((i) => ({
      no: i.no, section: i.section, fullMarks: i.fullMarks, type: i.type, knowledgePoints: i.knowledgePoints, abilities: i.abilities,
      ...(i.type === 'objective' ? { key: i.key ?? 'A', options: i.options ?? 4 } : {}),
    })));
  }, [paper]);
  const total = items.reduce((a, i) => a + (i.fullMarks || 0), 0);
  const change = (index: number, patch: Partial<PaperItemDto>) => setItems((all) => all.map((item, i) => {
    if (i !== index) return item;
    const next = { ...item, ...patch };
    if (next.type === 'subjective') { delete next.key; delete next.options; } else { next.key = next.key ?? 'A'; next.options = next.options ?? 4; }
    return next;
  }));
  const editable = paper.editable;
  const submit = async () => {
    await save.mutateAsync({ subject: paper.subject, items });
    message.success(t('items.paper.saved'));
  };

  return (
    <Card title={t('items.paper.title', { subject: paper.subject })} extra={<Typography.Text type={total === paper.fullMarks ? 'secondary' : 'danger'}>{t('items.paper.total', { total, fullMarks: paper.fullMarks })}</Typography.Text>}>
      {!editable && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('items.paper.readOnly')} />}
      {paper.itemScoreCount > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('items.paper.scored', { count: paper.itemScoreCount })} />}
      {save.error ? <div style={{ marginBottom: 12 }}><ProblemAlert error={save.error} /></div> : null}
      <Table<PaperItemDto> size="small" rowKey={(_, i) => String(i)} pagination={false} dataSource={items} locale={{ emptyText: t('items.paper.empty') }} columns={[
        { title: t('items.fields.no'), width: 90, render: (_, item, i) => <Input aria-label={t('items.fields.no')} disabled={!editable} value={item.no} onChange={(e) => change(i, { no: e.target.value })} /> },
        { title: t('items.fields.section'), width: 140, render: (_, item, i) => <Input disabled={!editable} value={item.section} onChange={(e) => change(i, { section: e.target.value })} /> },
        { title: t('items.fields.type'), width: 110, render: (_, item, i) => (
          <Select disabled={!editable} value={item.type} style={{ width: '100%' }} onChange={(type) => change(i, { type })}
            options={[{ value: 'objective', label: t('items.type.objective') }, { value: 'subjective', label: t('items.type.subjective') }]} />
        ) },
        { title: t('items.fields.fullMarks'), width: 100, render: (_, item, i) => <InputNumber disabled={!editable} min={0.5} max={150} step={0.5} value={item.fullMarks} onChange={(v) => change(i, { fullMarks: Number(v ?? 0) })} /> },
        { title: t('items.fields.key'), width: 150, render: (_, item, i) => (item.type === 'objective' ? (
          <Select mode="multiple" disabled={!editable} style={{ width: '100%' }} value={[...(item.key ?? '')]} onChange={(letters: string[]) => change(i, { key: [...letters].sort().join('') })}
            options={LETTERS.slice(0, item.options ?? 4).map((l) => ({ value: l, label: l }))} />
        ) : '—') },
        { title: t('items.fields.knowledgePoints'), render: (_, item, i) => (
          <Select mode="tags" disabled={!editable} style={{ width: '100%' }} value={item.knowledgePoints ?? []} onChange={(v: string[]) => change(i, { knowledgePoints: v })} />
        ) },
        { title: t('items.fields.abilities'), width: 180, render: (_, item, i) => (
          <Select mode="tags" disabled={!editable} style={{ width: '100%' }} value={item.abilities ?? []} onChange={(v: string[]) => change(i, { abilities: v })} />
        ) },
        { title: '', width: 50, render: (_, _item, i) => (editable ? <Button type="text" aria-label={t('items.paper.remove')} icon={<DeleteOutlined />} onClick={() => setItems((all) => all.filter((_x, j) => j !== i))} /> : null) },
      ]} />
      {editable && (
        <Space style={{ marginTop: 12 }}>
          <Button icon={<PlusOutlined />} onClick={() => setItems((all) => [...all, blank(all.length + 1)])}>{t('items.paper.add')}</Button>
          <Button type="primary" loading={save.isPending} disabled={!items.length} onClick={() => void submit().catch(() => undefined)}>{t('items.paper.save')}</Button>
        </Space>
      )}
    </Card>
  );
}
