import { Button, Card, Empty, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { useShowError } from '../../../lib/errors.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useApi } from '../../../lib/use-api.ts';
import { useGrantUseTexts } from './texts.ts';

const FIELDS = ['scenario', 'process', 'effect', 'storage'] as const;
type Fields = Record<(typeof FIELDS)[number], string>;

/**
 * N21 (第二十九条第二款): the grant's use records, newest first, and for the requesting department a
 * form to add one. Hidden from whoever may not read them (the server answers 404).
 */
export function UseRecordsSection({ grantId }: { grantId: string }) {
  const { i18n } = useTranslation();
  const { w, fill } = useGrantUseTexts();
  const showError = useShowError();
  const loaded = useApi(`/sharing/grants/${grantId}/use-records`);
  const [form] = Form.useForm<Fields>();
  const [busy, setBusy] = useState(false);
  const list = loaded.data;
  if (!list) return null;

  const add = async () => {
    let values: Fields;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      await api(`/sharing/grants/${grantId}/use-records`, { method: 'POST', body: values });
      form.resetFields();
      loaded.reload();
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card variant="borderless" title={w.records.title} style={{ marginBottom: 16 }} data-testid="use-records">
      <Typography.Paragraph type="secondary">{w.records.hint}</Typography.Paragraph>
      {list.items.length === 0 ? (
        <Empty description={w.records.empty} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          dataSource={list.items}
          data-testid="use-record-list"
          renderItem={(r) => (
            <List.Item key={r.id} data-testid="use-record">
              <div style={{ width: '100%', overflowWrap: 'anywhere' }}>
                {FIELDS.map((f) => (
                  <div key={f}>
                    <Typography.Text strong>{w.records[f]}：</Typography.Text>
                    <span data-testid={`use-record-${f}`}>{r[f]}</span>
                  </div>
                ))}
                <Space size={8} wrap>
                  <Typography.Text type="secondary">
                    {fill(w.records.by, {
                      name: r.recordedBy.name,
                      at: formatDateTime(r.recordedAt, i18n.language),
                    })}
                  </Typography.Text>
                  <Tag>{fill(w.records.retainUntil, { date: r.retainUntil })}</Tag>
                </Space>
              </div>
            </List.Item>
          )}
        />
      )}
      {list.canAdd && (
        <Form form={form} layout="vertical" style={{ marginTop: 16 }} data-testid="use-record-form">
          {FIELDS.map((f) => (
            <Form.Item
              key={f}
              name={f}
              label={w.records[f]}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: fill(w.records.required, { field: w.records[f] }),
                },
              ]}
            >
              <Input.TextArea rows={2} maxLength={4000} data-testid={`use-record-input-${f}`} />
            </Form.Item>
          ))}
          <Button type="primary" onClick={add} loading={busy} data-testid="use-record-add">
            {w.records.add}
          </Button>
        </Form>
      )}
    </Card>
  );
}
