import { type TableColumnsType, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router-dom';

/** The code and the name (linking to the entry) that every table of entries starts with. */
export function entryColumns<T extends { id: string; code: string; name: string }>(
  t: TFunction,
  linkTestId: string,
): TableColumnsType<T> {
  return [
    {
      title: t('catalog.fields.code'),
      dataIndex: 'code',
      width: 150,
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    {
      title: t('catalog.fields.name'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <Link to={`/catalog/entries/${row.id}`} data-testid={`${linkTestId}-${row.code}`}>
          {name}
        </Link>
      ),
    },
  ];
}
