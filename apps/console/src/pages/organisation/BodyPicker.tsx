import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useBodies } from './api';

/**
 * A select of the alliance's bodies (council, working groups, studios …) for the body that runs an
 * activity or owns a plan; used as a form control (value / onChange). Clearing it answers null. A
 * dissolved body still shows when it is the current value, but cannot be chosen again.
 */
export function BodyPicker({ allianceId, value, onChange, id, ...rest }: {
  allianceId: string | undefined; value?: string | null; onChange?: (value: string | null) => void; id?: string; 'aria-label'?: string;
}) {
  const { t } = useTranslation();
  const bodies = useBodies(allianceId ?? '', true);
  const options = (bodies.data ?? [])
    .filter((b) => b.status === 'active' || b.id === value)
    .map((b) => ({
      value: b.id, disabled: b.status !== 'active',
      label: b.status === 'active' ? `${b.name}（${t(`organisation.kind.${b.kind}`)}）` : t('organisation.picker.dissolved', { name: b.name }),
    }));
  return (
    <Select
      id={id} aria-label={rest['aria-label']} allowClear disabled={!allianceId} loading={Boolean(allianceId) && bodies.isFetching}
      placeholder={t('organisation.picker.none')} value={value ?? undefined} onChange={(v?: string) => onChange?.(v ?? null)}
      options={options} showSearch={{ optionFilterProp: 'label' }}
    />
  );
}
