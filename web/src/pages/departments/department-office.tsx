import { Alert, App, Button, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { ResponseOf } from '../../api/contract.ts';
import { ErrorAlert, useShowError } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { OfficeFormModal } from './office-form.tsx';

/** The department's sharing office, head and officer as recorded (N01, R126, R128). */
export type DepartmentOffice = ResponseOf<`/departments/${string}/office`>;
export type OfficeRoster = NonNullable<DepartmentOffice['roster']>;

type OfficeField = OfficeChange['changed'][number];

type OfficeChange = ResponseOf<`/departments/${string}/office/history`>['items'][number];

const FIELD_VALUE: Record<OfficeField, (r: OfficeRoster) => string> = {
  officeName: (r) => r.office.name,
  officePhone: (r) => r.office.phone,
  officeEmail: (r) => r.office.email,
  head: (r) => r.head.name,
  headTitle: (r) => r.head.title,
  officer: (r) => r.officer.name,
};

/** The 共享工作机构 section of the department detail: the record, its edit dialog and its history. */
export function DepartmentOfficeSection({ departmentId }: { departmentId: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const office = useApi(`/departments/${departmentId}/office`);
  const history = useApi(`/departments/${departmentId}/office/history`, { limit: 100 });
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const o = office.data;
  const r = o?.roster;
  const reload = () => {
    office.reload();
    history.reload();
  };

  const confirm = async () => {
    setConfirming(true);
    try {
      await api(`/departments/${departmentId}/office/confirm`, { method: 'POST' });
      void message.success(t('departments.office.confirmed'));
      reload();
    } catch (e) {
      showError(e);
    } finally {
      setConfirming(false);
    }
  };

  return (
    <section data-testid="department-office" style={{ marginTop: 24 }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('departments.office.title')}
        </Typography.Title>
        {o?.canManage && (
          <Space wrap size={4}>
            {r && (
              <Button size="small" loading={confirming} onClick={confirm} data-testid="office-confirm">
                {t('departments.office.confirm')}
              </Button>
            )}
            <Button size="small" type="primary" onClick={() => setEditing(true)} data-testid="office-edit">
              {r ? t('departments.office.edit') : t('departments.office.record')}
            </Button>
          </Space>
        )}
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('departments.office.article')}
      </Typography.Paragraph>
      <ErrorAlert error={office.error} onRetry={office.reload} />
      {o?.stale && (
        <Alert
          type="warning"
          showIcon
          data-testid="office-stale"
          title={t('departments.office.stale', { days: o.staleAfterDays })}
          style={{ marginBottom: 12 }}
        />
      )}
      {o && !r && (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('departments.office.notRecorded')}
          data-testid="office-empty"
        />
      )}
      {r && (
        <Descriptions
          column={1}
          size="small"
          bordered
          data-testid="office-record"
          items={[
            {
              key: 'office',
              label: t('departments.office.name'),
              children: (
                <>
                  <div data-testid="office-name">{r.office.name}</div>
                  <Typography.Text type="secondary">
                    {t('departments.office.labelled', {
                      label: t('departments.office.phone'),
                      value: r.office.phone,
                    })}
                  </Typography.Text>
                  <br />
                  <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
                    {t('departments.office.labelled', {
                      label: t('departments.office.email'),
                      value: r.office.email,
                    })}
                  </Typography.Text>
                </>
              ),
            },
            {
              key: 'head',
              label: t('departments.office.head'),
              children: (
                <span data-testid="office-head">
                  {r.head.name}（{r.head.title}）
                  {r.head.userId === null && (
                    <Tag style={{ marginLeft: 4 }}>{t('departments.office.noAccount')}</Tag>
                  )}
                </span>
              ),
            },
            {
              key: 'officer',
              label: t('departments.office.officer'),
              children: <span data-testid="office-officer">{r.officer.name}</span>,
            },
            {
              key: 'confirmedAt',
              label: t('departments.office.confirmedAt'),
              children: formatDateTime(o.confirmedAt, i18n.language),
            },
          ]}
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('departments.office.history')}
      </Typography.Title>
      <ErrorAlert error={history.error} onRetry={history.reload} />
      <Table<OfficeChange>
        rowKey="id"
        size="small"
        data-testid="office-history"
        loading={history.loading}
        dataSource={history.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('departments.office.noHistory')} />
          ),
        }}
        columns={[
          {
            title: t('departments.office.at'),
            dataIndex: 'at',
            render: (at: string) => formatDateTime(at, i18n.language),
          },
          {
            title: t('departments.office.by'),
            dataIndex: ['by', 'name'],
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('departments.office.change'),
            key: 'change',
            render: (_, c) => <ChangeText change={c} />,
          },
        ]}
      />
      {editing && (
        <OfficeFormModal
          departmentId={departmentId}
          roster={r ?? undefined}
          onClose={() => setEditing(false)}
          onSaved={() => {
            void message.success(t('common.saved'));
            setEditing(false);
            reload();
          }}
        />
      )}
    </section>
  );
}

function ChangeText({ change }: { change: OfficeChange }) {
  const { t } = useTranslation();
  if (change.kind === 'confirm') return <Tag color="blue">{t('departments.office.kinds.confirm')}</Tag>;
  if (!change.before) return <Tag color="green">{t('departments.office.firstRecord')}</Tag>;
  const before = change.before;
  return (
    <div style={{ maxWidth: 420, whiteSpace: 'normal' }}>
      {change.changed.map((field) => (
        <div key={field}>
          {t('departments.office.fieldChange', {
            field: t(`departments.office.fields.${field}`),
            from: FIELD_VALUE[field](before),
            to: FIELD_VALUE[field](change.after),
          })}
        </div>
      ))}
    </div>
  );
}
