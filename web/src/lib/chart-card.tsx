import { Button, Card, Empty, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { EChartsOption } from 'echarts';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from './chart.tsx';

/**
 * A statistic as a chart, with its figures one click away as a table and a readable empty state.
 *
 * @example <ChartCard title="近 30 日调用量" testId="home-usage" option={…} columns={…} rows={…} rowKey="day" />
 */
export function ChartCard<Row extends object>({
  title,
  testId,
  option,
  columns,
  rows,
  rowKey,
  empty,
  emptyText,
  height = 260,
  extra,
}: {
  title: string;
  testId: string;
  option: EChartsOption;
  columns: ColumnsType<Row>;
  rows: Row[];
  rowKey: keyof Row & string;
  /** Nothing to draw: the card shows `emptyText` instead of a chart of zeros. */
  empty: boolean;
  emptyText: string;
  height?: number;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const [table, setTable] = useState(false);
  return (
    <Card
      variant="borderless"
      title={title}
      data-testid={testId}
      style={{ height: '100%' }}
      styles={{ body: { minHeight: height + 24 } }}
      extra={
        <>
          {extra}
          {!empty && (
            <Button
              type="link"
              size="small"
              onClick={() => setTable((v) => !v)}
              data-testid={`${testId}-toggle`}
            >
              {table ? t('home.showChart') : t('home.showTable')}
            </Button>
          )}
        </>
      }
    >
      {empty ? (
        <Empty description={emptyText} style={{ paddingTop: height / 4 }} />
      ) : table ? (
        <Table<Row>
          size="small"
          rowKey={rowKey}
          columns={columns}
          dataSource={rows}
          pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
          scroll={{ x: 'max-content' }}
        />
      ) : (
        <Chart label={title} option={option} height={height} />
      )}
    </Card>
  );
}
