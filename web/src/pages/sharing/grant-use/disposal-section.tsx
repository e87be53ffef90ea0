import { Button, Card, Descriptions, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import type { BodyOf } from '../../../api/contract.ts';
import { useShowError } from '../../../lib/errors.tsx';
import { buttonTestId } from '../../../lib/test-id.ts';
import { useApi } from '../../../lib/use-api.ts';
import { useGrantUseTexts } from './texts.ts';
import type { DisposalGround } from './types.ts';

const GROUNDS: DisposalGround[] = [
  'grant_ended',
  'purpose_achieved',
  'purpose_unachievable',
  'no_longer_necessary',
];
type Requirement = Omit<BodyOf<'/sharing/disposals', 'POST'>, 'grantId'>;
type Record = BodyOf<`/sharing/disposals/${string}/file`, 'POST'>;

/**
 * N16 (第二十七条第一款): the grant's disposal — the provider requires it with a date (the regulation
 * sets none), the requester files its record (what, how, when, who); the due date shows its working
 * days left, its article and 「暂定」 where the year's holidays are not yet published.
 */
export function DisposalSection({ grantId, isProvider }: { grantId: string; isProvider: boolean }) {
  const { w, fill } = useGrantUseTexts();
  const showError = useShowError();
  const loaded = useApi('/sharing/disposals', { grantId });
  const [requiring, setRequiring] = useState(false);
  const [busy, setBusy] = useState(false);
  const [requireForm] = Form.useForm<Requirement>();
  const [fileForm] = Form.useForm<Record>();
  if (!loaded.data) return null;
  const disposal = loaded.data.items[0];

  const submit = async <T extends object>(
    form: ReturnType<typeof Form.useForm<T>>[0],
    send: (values: T) => Promise<unknown>,
  ) => {
    let body: T;
    try {
      body = await form.validateFields();
    } catch {
      return false;
    }
    setBusy(true);
    try {
      await send(body);
      loaded.reload();
      return true;
    } catch (e) {
      showError(e, form);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const requireDisposal = async () => {
    const sent = await submit(requireForm, (values) =>
      api('/sharing/disposals', { method: 'POST', body: { ...values, grantId } }),
    );
    if (sent) setRequiring(false);
  };
  const fileRecord = async () => {
    if (!disposal) return;
    await submit(fileForm, (values) =>
      api(`/sharing/disposals/${disposal.id}/file`, { method: 'POST', body: values }),
    );
  };
  const needed = (field: string) => [
    { required: true, whitespace: true, message: fill(w.disposal.fieldRequired, { field }) },
  ];
  const d = disposal?.deadline;

  return (
    <Card variant="borderless" title={w.disposal.title} style={{ marginBottom: 16 }} data-testid="disposal">
      {!disposal && (
        <Space direction="vertical">
          <Typography.Text type="secondary">{w.disposal.none}</Typography.Text>
          {isProvider && (
            <Button onClick={() => setRequiring(true)} data-testid="disposal-require">
              {w.disposal.require}
            </Button>
          )}
        </Space>
      )}
      {disposal && d && (
        <>
          <Descriptions bordered size="small" column={1} data-testid="disposal-detail">
            <Descriptions.Item label={w.disposal.title}>
              <Space size={8} wrap>
                <Link to={`/cases/disposal/${disposal.id}`} data-testid="disposal-number">
                  {disposal.number}
                </Link>
                <Tag data-testid="disposal-status" color={disposal.status === 'filed' ? 'green' : 'blue'}>
                  {w.disposal.statuses[disposal.status]}
                </Tag>
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={w.disposal.ground}>
              {w.disposal.grounds[disposal.ground]}
            </Descriptions.Item>
            <Descriptions.Item label={w.disposal.requirement}>
              <span style={{ overflowWrap: 'anywhere' }}>{disposal.requirement}</span>
            </Descriptions.Item>
            <Descriptions.Item label={w.disposal.dueDate}>
              <Space size={8} wrap>
                <span data-testid="disposal-due">{d.dueDate}</span>
                {d.provisional && <Tag>{w.disposal.provisional}</Tag>}
                {disposal.overdue && !disposal.record && <Tag color="red">{w.disposal.overdue}</Tag>}
                {d.workingDaysLeft !== null && d.workingDaysLeft >= 0 && (
                  <Tag color="blue">{fill(w.disposal.daysLeft, { days: d.workingDaysLeft })}</Tag>
                )}
              </Space>
              {d.article && (
                <div>
                  <Typography.Text type="secondary">{d.article}</Typography.Text>
                </div>
              )}
            </Descriptions.Item>
            {disposal.record && (
              <>
                <Descriptions.Item label={w.disposal.what}>
                  <span data-testid="disposal-what">{disposal.record.what}</span>
                </Descriptions.Item>
                <Descriptions.Item label={w.disposal.how}>{disposal.record.how}</Descriptions.Item>
                <Descriptions.Item label={w.disposal.on}>
                  {disposal.record.on}
                  {disposal.record.late && (
                    <Tag color="orange" style={{ marginInlineStart: 8 }}>
                      {w.disposal.late}
                    </Tag>
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={w.disposal.who}>{disposal.record.by}</Descriptions.Item>
              </>
            )}
          </Descriptions>
          {disposal.allowedActions.includes('file') && (
            <Form form={fileForm} layout="vertical" style={{ marginTop: 16 }} data-testid="disposal-form">
              <Form.Item name="what" label={w.disposal.what} rules={needed(w.disposal.what)}>
                <Input.TextArea rows={2} maxLength={2000} data-testid="disposal-what-input" />
              </Form.Item>
              <Form.Item name="how" label={w.disposal.how} rules={needed(w.disposal.how)}>
                <Input.TextArea rows={2} maxLength={2000} data-testid="disposal-how-input" />
              </Form.Item>
              <Form.Item name="on" label={w.disposal.on} rules={needed(w.disposal.on)}>
                <Input type="date" data-testid="disposal-on-input" />
              </Form.Item>
              <Form.Item name="by" label={w.disposal.who} rules={needed(w.disposal.who)}>
                <Input maxLength={200} data-testid="disposal-by-input" />
              </Form.Item>
              <Button type="primary" onClick={fileRecord} loading={busy} data-testid="disposal-file">
                {w.disposal.file}
              </Button>
            </Form>
          )}
        </>
      )}
      <Modal
        open={requiring}
        title={w.disposal.require}
        onCancel={() => setRequiring(false)}
        onOk={requireDisposal}
        confirmLoading={busy}
        okText={w.disposal.require}
        cancelText={w.cancel}
        okButtonProps={buttonTestId('disposal-require-confirm')}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{w.disposal.noPeriod}</Typography.Paragraph>
        <Form form={requireForm} layout="vertical" preserve={false}>
          <Form.Item
            name="ground"
            label={w.disposal.ground}
            rules={[{ required: true, message: w.disposal.ground }]}
          >
            <Select
              data-testid="disposal-ground"
              options={GROUNDS.map((g) => ({ value: g, label: w.disposal.grounds[g] }))}
            />
          </Form.Item>
          <Form.Item name="requirement" label={w.disposal.requirement} rules={needed(w.disposal.requirement)}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="disposal-requirement" />
          </Form.Item>
          <Form.Item name="dueDate" label={w.disposal.dueDate} rules={needed(w.disposal.dueDate)}>
            <Input type="date" data-testid="disposal-due-input" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
