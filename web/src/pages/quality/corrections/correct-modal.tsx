import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Correction, qualityApi } from '../../../api/quality.ts';
import { useShowError } from '../../../lib/errors.tsx';
import { useEntryItems } from '../../exchange/grant-picker.tsx';

/** One corrected record as the form holds it: its key, the items changed and their new values. */
interface Row {
  key: Record<string, string | undefined>;
  items: string[];
  values: Record<string, string | undefined>;
}

interface CorrectForm {
  rows: Row[];
  note?: string;
}

/** The rows to start from: each record the request names, its claimed items at the proposed values. */
function initialRows(c: Correction): Row[] {
  return c.records.map((r) => ({
    key: { ...r.key },
    items: r.items,
    values: Object.fromEntries(r.items.map((i) => [i, r.proposed?.[i] ?? ''])),
  }));
}

/**
 * 更正数据: the provider gives the corrected values of the records the request names (key items
 * fixed), or of records it picks when the request is about the whole resource. The server writes
 * them through the hosted-data write path and notifies the departments that read them before.
 */
export function CorrectModal({
  correction: c,
  onClose,
  onDone,
}: {
  correction: Correction;
  onClose(): void;
  onDone(next: Correction): void;
}) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [form] = Form.useForm<CorrectForm>();
  const [busy, setBusy] = useState(false);
  const entryItems = useEntryItems(c.entry.id);
  const keyItems = (entryItems ?? []).filter((i) => i.isKey).map((i) => i.name);
  const valueItems = (entryItems ?? []).filter((i) => !i.isKey).map((i) => i.name);
  const named = c.scope === 'records';
  const initial = named ? initialRows(c) : [{ key: {}, items: [], values: {} }];

  const submit = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    // All values, also the claimed items of named records, which no input holds.
    const v = form.getFieldsValue(true) as CorrectForm;
    setBusy(true);
    try {
      const next = await qualityApi.step(c.id, 'correct', {
        records: v.rows.map((row) => ({
          op: 'upsert',
          record: {
            ...Object.fromEntries(Object.entries(row.key).map(([k, value]) => [k, (value ?? '').trim()])),
            ...Object.fromEntries((row.items ?? []).map((i) => [i, row.values?.[i] ?? ''])),
          },
        })),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      });
      onDone(next);
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={`${t('qualityCorrections.correct.title')} · ${c.number}`}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={busy} onClick={submit} data-testid="correct-submit">
          {t('qualityCorrections.correct.submit')}
        </Button>,
      ]}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('qualityCorrections.correct.intro')}
      />
      <Form<CorrectForm>
        form={form}
        layout="vertical"
        initialValues={{ rows: initial }}
        data-testid="correct-form"
      >
        <Form.List name="rows">
          {(list, { add, remove }) => (
            <>
              {list.map((field, n) => {
                const keys = named ? Object.keys(initial[n]?.key ?? {}) : keyItems;
                return (
                  <Card
                    key={field.key}
                    size="small"
                    style={{ marginBottom: 12 }}
                    title={t('qualityCorrections.correct.record', { n: n + 1 })}
                    extra={
                      !named &&
                      list.length > 1 && (
                        <Button
                          type="text"
                          icon={<DeleteOutlined />}
                          aria-label={t('qualityCorrections.correct.removeRecord')}
                          onClick={() => remove(field.name)}
                        />
                      )
                    }
                    data-testid={`correct-record-${n}`}
                  >
                    {keys.map((k) => (
                      <Form.Item
                        key={k}
                        name={[field.name, 'key', k]}
                        label={k}
                        extra={named ? t('qualityCorrections.correct.keyFixed') : undefined}
                        rules={[
                          {
                            required: true,
                            whitespace: true,
                            message: t('qualityCorrections.correct.missingKey'),
                          },
                        ]}
                      >
                        <Input disabled={named} maxLength={500} data-testid={`correct-key-${n}-${k}`} />
                      </Form.Item>
                    ))}
                    {!named && (
                      <Form.Item name={[field.name, 'items']} label={t('qualityCorrections.fields.items')}>
                        <Select
                          mode="multiple"
                          options={valueItems.map((i) => ({ value: i, label: i }))}
                          aria-label={t('qualityCorrections.fields.items')}
                        />
                      </Form.Item>
                    )}
                    {/* The value inputs follow the items chosen (fixed to the claimed ones for named records). */}
                    <Form.Item noStyle shouldUpdate>
                      {() =>
                        (
                          (form.getFieldValue(['rows', field.name, 'items']) as string[] | undefined) ?? []
                        ).map((item) => (
                          <Form.Item
                            key={item}
                            name={[field.name, 'values', item]}
                            label={t('qualityCorrections.correct.value', { item })}
                          >
                            <Input maxLength={10_000} data-testid={`correct-value-${n}-${item}`} />
                          </Form.Item>
                        ))
                      }
                    </Form.Item>
                  </Card>
                );
              })}
              {!named && (
                <Space style={{ marginBottom: 12 }}>
                  <Button icon={<PlusOutlined />} onClick={() => add({ key: {}, items: [], values: {} })}>
                    {t('qualityCorrections.correct.addRecord')}
                  </Button>
                </Space>
              )}
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={t('qualityCorrections.correct.note')}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="correct-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
