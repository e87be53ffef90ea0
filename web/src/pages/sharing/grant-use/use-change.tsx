import { Button, Card, Checkbox, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { PURPOSE_OPTIONS, type Purpose } from '../../../api/sharing.ts';
import { useShowError } from '../../../lib/errors.tsx';
import { buttonTestId } from '../../../lib/test-id.ts';
import { useApi } from '../../../lib/use-api.ts';
import { useGrantUseTexts } from './texts.ts';

type Input_ = { purposes?: Purpose[]; scope?: string; thirdParties?: string; reason: string };

/**
 * N14 (第二十五条第一款): the grant's use-change requests and the purposes it covers now; for the
 * requesting department a button that opens a request, then the case's own page.
 */
export function UseChangeSection({
  grantId,
  isConsumer,
  open,
}: {
  grantId: string;
  isConsumer: boolean;
  open: boolean;
}) {
  const { t } = useTranslation();
  const { w, fill } = useGrantUseTexts();
  const navigate = useNavigate();
  const showError = useShowError();
  const loaded = useApi('/sharing/use-changes', { grantId });
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Input_>();
  const data = loaded.data;
  if (!data) return null;

  const submit = async () => {
    let values: Input_;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const thirdParties = (values.thirdParties ?? '')
        .split(/[、,，;；\n]/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
      const created = await api('/sharing/use-changes', {
        method: 'POST',
        body: {
          grantId,
          purposes: values.purposes ?? [],
          ...(values.scope?.trim() ? { scope: values.scope.trim() } : {}),
          thirdParties,
          reason: values.reason.trim(),
        },
      });
      setAsking(false);
      navigate(`/cases/use_change/${created.id}`);
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      variant="borderless"
      title={w.change.section}
      style={{ marginBottom: 16 }}
      data-testid="use-changes"
      extra={
        isConsumer && open ? (
          <Button onClick={() => setAsking(true)} data-testid="use-change-request">
            {w.change.button}
          </Button>
        ) : undefined
      }
    >
      <Space size={8} wrap style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{w.change.covered}：</Typography.Text>
        {data.purposes.map((p) => (
          <Tag key={p} data-testid="use-change-covered">
            {t(`sharing.purposes.${p}`)}
          </Tag>
        ))}
      </Space>
      {data.items.length === 0 ? (
        <Typography.Paragraph type="secondary">{w.change.none}</Typography.Paragraph>
      ) : (
        <List
          size="small"
          dataSource={data.items}
          renderItem={(c) => (
            <List.Item key={c.id}>
              <Space size={8} wrap>
                <Link to={`/cases/use_change/${c.id}`}>{c.number}</Link>
                <Tag>{w.change.statuses[c.status]}</Tag>
                {c.purposes.map((p) => (
                  <Tag key={p} color="blue">
                    {t(`sharing.purposes.${p}`)}
                  </Tag>
                ))}
                {c.thirdParties.length > 0 && (
                  <span style={{ overflowWrap: 'anywhere' }}>{c.thirdParties.join('、')}</span>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
      {data.consents.length > 0 && (
        <Space size={8} wrap>
          {data.consents.map((c) => (
            <Tag key={c.caseId} color="green">
              {fill(w.change.consent, { number: c.number })}
            </Tag>
          ))}
        </Space>
      )}
      <Modal
        open={asking}
        title={w.change.title}
        onCancel={() => setAsking(false)}
        onOk={submit}
        confirmLoading={busy}
        okText={w.change.submit}
        cancelText={w.cancel}
        okButtonProps={buttonTestId('use-change-submit')}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{w.change.hint}</Typography.Paragraph>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="purposes" label={w.change.purposes}>
            <Checkbox.Group
              options={PURPOSE_OPTIONS.filter((p) => !data.purposes.includes(p)).map((p) => ({
                value: p,
                label: t(`sharing.purposes.${p}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="scope" label={w.change.scope}>
            <Input.TextArea rows={2} maxLength={2000} data-testid="use-change-scope" />
          </Form.Item>
          <Form.Item name="thirdParties" label={w.change.thirdParties}>
            <Input maxLength={2000} data-testid="use-change-third" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={w.change.reason}
            rules={[{ required: true, whitespace: true, message: w.change.reasonRequired }]}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="use-change-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
