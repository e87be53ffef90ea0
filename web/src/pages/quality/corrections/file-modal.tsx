import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Select, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { type FileCorrectionInput, qualityApi } from '../../../api/quality.ts';
import type { Grant } from '../../../api/sharing.ts';
import { useShowError } from '../../../lib/errors.tsx';
import { GrantSelect, useHeldGrants } from '../../exchange/grant-picker.tsx';

/** Attachments the server takes (its ATTACHMENT_LIMITS): checked here first, decided there. */
const MAX_ATTACHMENTS = 5;
const MAX_BYTES = 2 * 1024 * 1024;
const MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain', 'text/csv'];

/** What the request is about: records of a resource (from a query result) or a whole resource. */
export type FilingTarget =
  | {
      scope: 'records';
      grant: Grant;
      /** The resource's key items, in order. */
      keyItems: string[];
      /** The key as the result row gives it: a value is missing where the reader sees it masked. */
      key: Record<string, string | undefined>;
    }
  | { scope: 'resource' };

interface FilingForm {
  grantId?: string;
  key?: Record<string, string>;
  items?: string[];
  problem?: string;
  proposed?: Record<string, string | undefined>;
  description?: string;
}

/** A file read for the request body: base64 of its bytes. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * 申请校核: a consumer asks the provider to verify records it read (the key pre-filled from the
 * result row) or a whole resource it holds a grant for; small attachments travel with it. Once
 * filed, the request's page opens.
 */
export function FileCorrectionModal({
  target,
  onClose,
}: {
  target: FilingTarget | undefined;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const [form] = Form.useForm<FilingForm>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const held = useHeldGrants(['online_query', 'batch_download', 'subscription', 'interface']);
  const records = target?.scope === 'records' ? target : undefined;
  const grantId = Form.useWatch('grantId', form);
  const chosen = records?.grant ?? held.grants.find((g) => g.id === grantId);
  const items = Form.useWatch('items', form) ?? [];

  const close = () => {
    form.resetFields();
    setFiles([]);
    onClose();
  };

  const submit = async () => {
    let v: FilingForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (!chosen) return;
    setBusy(true);
    try {
      const attachments = await Promise.all(
        files.map(async (f) => ({
          name: f.name,
          mediaType: f.type || 'application/octet-stream',
          contentBase64: await base64Of(f.originFileObj as File),
        })),
      );
      const proposed = Object.fromEntries(
        Object.entries(v.proposed ?? {}).filter(
          (e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '',
        ),
      );
      const body: FileCorrectionInput = {
        entryId: chosen.entry.id,
        scope: records ? 'records' : 'resource',
        description: (v.description ?? '').trim(),
        ...(records
          ? {
              records: [
                {
                  key: Object.fromEntries(records.keyItems.map((k) => [k, (v.key?.[k] ?? '').trim()])),
                  items: v.items ?? [],
                  problem: (v.problem ?? '').trim(),
                  ...(Object.keys(proposed).length > 0 ? { proposed } : {}),
                },
              ],
            }
          : {}),
        ...(attachments.length > 0 ? { attachments } : {}),
      };
      const filed = await qualityApi.file(body);
      void message.success(t('qualityCorrections.file.done', { number: filed.number }));
      close();
      navigate(`/quality/corrections/${filed.id}`);
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!target}
      title={t('qualityCorrections.file.title')}
      onCancel={close}
      destroyOnHidden
      width={640}
      footer={[
        <Button key="cancel" onClick={close}>
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={busy} onClick={submit} data-testid="correction-file-submit">
          {t('qualityCorrections.file.submit')}
        </Button>,
      ]}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t(records ? 'qualityCorrections.file.recordHint' : 'qualityCorrections.file.resourceHint')}
      />
      <Form<FilingForm>
        form={form}
        layout="vertical"
        initialValues={records ? { key: records.key } : {}}
        data-testid="correction-file-form"
      >
        {records ? (
          <Form.Item label={t('qualityCorrections.file.grant')}>
            <Input value={`${records.grant.entry.name}（${records.grant.provider.name}）`} disabled />
          </Form.Item>
        ) : (
          <Form.Item
            name="grantId"
            label={t('qualityCorrections.file.grant')}
            rules={[{ required: true, message: t('qualityCorrections.file.grant') }]}
          >
            <GrantSelect
              grants={held.grants}
              value={grantId}
              onChange={(id) => form.setFieldValue('grantId', id)}
              loading={held.loading}
              testId="correction-file-grant"
            />
          </Form.Item>
        )}
        {records?.keyItems.map((k) => (
          <Form.Item
            key={k}
            name={['key', k]}
            label={t('qualityCorrections.file.keyOf', { item: k })}
            rules={[{ required: true, whitespace: true, message: t('qualityCorrections.file.keyRequired') }]}
          >
            <Input maxLength={500} data-testid={`correction-file-key-${k}`} />
          </Form.Item>
        ))}
        {records && (
          <>
            <Form.Item
              name="items"
              label={t('qualityCorrections.file.items')}
              rules={[{ required: true, message: t('qualityCorrections.file.itemsRequired') }]}
            >
              <Select
                mode="multiple"
                options={records.grant.items.map((i) => ({ value: i, label: i }))}
                aria-label={t('qualityCorrections.file.items')}
                data-testid="correction-file-items"
              />
            </Form.Item>
            <Form.Item
              name="problem"
              label={t('qualityCorrections.file.problem')}
              rules={[
                { required: true, whitespace: true, message: t('qualityCorrections.file.problemRequired') },
              ]}
            >
              <Input.TextArea rows={2} maxLength={2000} data-testid="correction-file-problem" />
            </Form.Item>
            {items.map((item) => (
              <Form.Item
                key={item}
                name={['proposed', item]}
                label={`${item} · ${t('qualityCorrections.file.proposed')}`}
              >
                <Input maxLength={2000} data-testid={`correction-file-proposed-${item}`} />
              </Form.Item>
            ))}
          </>
        )}
        <Form.Item
          name="description"
          label={t('qualityCorrections.file.description')}
          rules={[
            { required: true, whitespace: true, message: t('qualityCorrections.file.descriptionRequired') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={10_000} data-testid="correction-file-description" />
        </Form.Item>
        <Form.Item label={t('qualityCorrections.file.attachments', { count: MAX_ATTACHMENTS })}>
          <Upload
            multiple
            fileList={files}
            accept={MEDIA_TYPES.join(',')}
            beforeUpload={(file) => {
              if (files.length >= MAX_ATTACHMENTS)
                void message.error(t('qualityCorrections.file.tooMany', { count: MAX_ATTACHMENTS }));
              else if (file.size > MAX_BYTES)
                void message.error(t('qualityCorrections.file.tooLarge', { name: file.name }));
              else if (!MEDIA_TYPES.includes(file.type))
                void message.error(t('qualityCorrections.file.badType', { name: file.name }));
              else
                setFiles((list) => [
                  ...list,
                  { uid: file.uid, name: file.name, type: file.type, size: file.size, originFileObj: file },
                ]);
              // Kept in the form: sent with the request, not uploaded on its own.
              return false;
            }}
            onRemove={(file) => setFiles((list) => list.filter((f) => f.uid !== file.uid))}
          >
            <Button icon={<PaperClipOutlined />} data-testid="correction-file-attach">
              {t('qualityCorrections.file.pick')}
            </Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
