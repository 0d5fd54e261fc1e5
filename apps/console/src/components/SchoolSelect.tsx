import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSchools } from '../api/queries';

interface Props {
  value?: string;
  onChange?: (id: string) => void;
  districtId?: string;
  placeholder?: string;
  /** Schools not to offer (e.g. those already in the alliance). */
  exclude?: string[];
  id?: string;
  /** The name a screen reader reads; without it (and outside a form item, which labels by id) the placeholder. */
  'aria-label'?: string;
}

/** A searchable school picker backed by the schools list (search by name or code). */
export function SchoolSelect({ value, onChange, districtId, placeholder, exclude = [], id, 'aria-label': ariaLabel }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const schools = useSchools({ districtId, q: q || undefined, pageSize: 50, sort: 'name' });
  const options = (schools.data?.items ?? [])
    .filter((s) => !exclude.includes(s.id) || s.id === value)
    .map((s) => ({ value: s.id, label: `${s.name}（${t(`school.locale.${s.locale}`)} · ${s.township}）` }));
  return (
    <Select
      id={id}
      aria-label={ariaLabel ?? (id ? undefined : placeholder)}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      loading={schools.isFetching}
      options={options}
      notFoundContent={schools.isFetching ? t('common.loading') : undefined}
      allowClear
    />
  );
}
