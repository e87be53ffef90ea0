import { Select } from 'antd';
import { useState } from 'react';
import { useApi } from './use-api.ts';

/** Picks a department by name, searching the server as the user types. */
/** `id` comes from the enclosing Form.Item, so its label points at the input. */
export function DepartmentSelect(props: {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  /** The name a screen reader says; a filter outside a form is named by its placeholder. */
  'aria-label'?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'data-testid'?: string;
  /** Shown for the current value before the search has loaded it (e.g. the user's own department). */
  known?: { value: string; label: string };
}) {
  const [q, setQ] = useState('');
  const list = useApi('/departments', { q, limit: 50 });
  const options = (list.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }));
  if (props.known && !options.some((o) => o.value === props.known?.value)) options.unshift(props.known);
  return (
    <Select
      id={props.id}
      value={props.value}
      onChange={props.onChange}
      options={options}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={list.loading}
      allowClear={props.allowClear}
      placeholder={props.placeholder}
      aria-label={props['aria-label'] ?? (props.id ? undefined : props.placeholder)}
      style={props.style ?? { width: '100%' }}
      data-testid={props['data-testid']}
      onClear={() => setQ('')}
    />
  );
}
