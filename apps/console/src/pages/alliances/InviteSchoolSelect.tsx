import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unwrap } from '@jiaolian/api-client';
import { api } from '../../api/client';

/**
 * The school to invite into an alliance: the schools of the alliance's district and, across districts,
 * of the other districts of its province, those labelled with their district's name (joining then needs
 * both education bureaus' approval). Searches by name as you type; members are left out by the API.
 */
export function InviteSchoolSelect({ allianceId, value, onChange, id, placeholder }: {
  allianceId: string; value?: string; onChange?: (id: string) => void; id?: string; placeholder?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const candidates = useQuery({
    queryKey: ['alliance', allianceId, 'invite-candidates', q],
    queryFn: () => unwrap(api.http.GET('/api/v1/alliances/{id}/invite-candidates', { params: { path: { id: allianceId }, query: { q: q || undefined, pageSize: 100 } } })),
    placeholderData: keepPreviousData,
  });
  const options = (candidates.data?.items ?? []).map((s) => ({
    value: s.id,
    text: s.crossDistrict ? `${s.name}（${s.district.name}）` : s.name,
    label: (
      <span data-testid="invite-candidate">
        {s.name}（{t(`school.locale.${s.locale as 'urban' | 'township' | 'village'}`)} · {s.township}）
        {s.crossDistrict && <Tag color="purple" style={{ marginInlineStart: 8 }}>{s.district.name} · {t('crossDistrict.badge')}</Tag>}
      </span>
    ),
  }));
  return (
    <Select
      id={id} value={value} onChange={onChange} placeholder={placeholder} allowClear loading={candidates.isFetching}
      showSearch={{ filterOption: false, onSearch: setQ }} options={options} optionLabelProp="text"
      notFoundContent={candidates.isFetching ? t('common.loading') : undefined}
    />
  );
}
