import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthProvider';
import { useDistricts } from '../api/queries';

/** The district a platform admin works in (every list and form follows it). */
export function DistrictPicker() {
  const { t } = useTranslation();
  const { districtId, setDistrictId } = useAuth();
  const districts = useDistricts(true);
  return (
    <Select
      size="small"
      style={{ minWidth: 180 }}
      placeholder={t('common.chooseDistrict')}
      aria-label={t('common.district')}
      value={districtId}
      loading={districts.isPending}
      onChange={setDistrictId}
      options={(districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
    />
  );
}

