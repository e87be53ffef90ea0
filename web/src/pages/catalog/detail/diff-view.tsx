import { Alert, Empty, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Change, Diff } from '../../../api/catalog.ts';
import { isEnglish } from '../../../i18n/index.ts';
import { pathLabel } from '../paths.ts';

const KIND_COLORS: Record<Change['kind'], string> = { added: 'green', removed: 'red', changed: 'orange' };

function Value({ value }: { value: unknown }) {
  if (value === undefined) return null;
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'object'
        ? JSON.stringify(value, null, 1)
        : String(value);
  return <div className="gs-diff-value">{text}</div>;
}

/** What changed between two versions; reductions of what is shared are called out above the table. */
export function DiffView({ diff, from, to }: { diff: Diff; from: number; to: number }) {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  return (
    <div data-testid="entry-diff">
      {diff.reductions.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="entry-diff-reductions"
          title={t('catalog.versions.reductions')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {diff.reductions.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          }
        />
      )}
      <Table<Change>
        size="small"
        rowKey={(c) => `${c.kind}:${c.path}`}
        pagination={false}
        dataSource={diff.changes}
        rowClassName={(c) => `gs-diff-${c.kind}`}
        locale={{ emptyText: <Empty description={t('catalog.versions.noChanges')} /> }}
        columns={[
          {
            title: t('catalog.versions.field'),
            dataIndex: 'path',
            width: '24%',
            render: (path: string) => pathLabel(path, en),
          },
          {
            title: t('catalog.versions.change'),
            dataIndex: 'kind',
            width: 90,
            render: (kind: Change['kind']) => (
              <Tag color={KIND_COLORS[kind]}>{t(`catalog.versions.kinds.${kind}`)}</Tag>
            ),
          },
          {
            title: t('catalog.versions.before', { version: from }),
            dataIndex: 'before',
            render: (value: unknown) => <Value value={value} />,
          },
          {
            title: t('catalog.versions.after', { version: to }),
            dataIndex: 'after',
            render: (value: unknown) => <Value value={value} />,
          },
        ]}
      />
    </div>
  );
}
