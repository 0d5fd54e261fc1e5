import { Select } from 'antd';
import { useState } from 'react';
import { useTeachers } from '../teacher-exchange/api';

interface Props {
  value?: string;
  onChange?: (id: string) => void;
  placeholder?: string;
  id?: string;
}

/** A searchable picker of the roster teachers the user may see (name or staff number), with their school. */
export function TeacherPicker({ value, onChange, placeholder, id }: Props) {
  const [q, setQ] = useState('');
  const teachers = useTeachers({ q: q || undefined, pageSize: 50, page: 1 });
  return (
    <Select
      id={id}
      showSearch
      allowClear
      value={value}
      onChange={(v: string) => onChange?.(v)}
      placeholder={placeholder}
      filterOption={false}
      onSearch={setQ}
      loading={teachers.isFetching}
      options={(teachers.data?.items ?? []).map((t) => ({ value: t.id, label: `${t.name}（${t.schoolName} · ${t.staffNo}）` }))}
    />
  );
}
