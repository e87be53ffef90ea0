import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useApi } from '../../lib/use-api.ts';
import { buildTree, type JurisdictionNode } from '../jurisdictions/tree.ts';

interface Option {
  value: string;
  title: string;
  children: Option[];
}

function toOptions(nodes: JurisdictionNode[]): Option[] {
  return nodes.map((n) => ({
    value: n.jurisdiction.id,
    title: `${n.jurisdiction.name}（${n.jurisdiction.code}）`,
    children: toOptions(n.children),
  }));
}

/** Picks a jurisdiction from the tree; used by department forms and filters. */
/** `id` comes from the enclosing Form.Item, so its label points at the input. */
export function JurisdictionSelect(props: {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  /** The name a screen reader says; a filter outside a form is named by its placeholder. */
  'aria-label'?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: React.CSSProperties;
  'data-testid'?: string;
}) {
  const list = useApi('/jurisdictions');
  const treeData = useMemo(() => toOptions(buildTree(list.data?.items ?? [])), [list.data]);
  return (
    <TreeSelect
      id={props.id}
      value={props.value}
      onChange={props.onChange}
      treeData={treeData}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={props.allowClear}
      disabled={props.disabled}
      placeholder={props.placeholder}
      aria-label={props['aria-label'] ?? (props.id ? undefined : props.placeholder)}
      loading={list.loading}
      style={props.style ?? { width: '100%' }}
      data-testid={props['data-testid']}
    />
  );
}
