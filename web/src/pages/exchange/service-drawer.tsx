import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../lib/errors.tsx';
import { useApi } from '../../lib/use-api.ts';
import { exchangeApi, type InterfaceService, type NewService, type ServiceChange } from './api.ts';
import { useEntryItems } from './grant-picker.tsx';

interface ServiceForm {
  entryId: string;
  url: string;
  methods: ('GET' | 'POST')[];
  timeoutMs?: number | null;
  maxBytes?: number | null;
  fieldMap?: { field: string; item: string }[];
  passthrough?: string[];
  replaceHeaders?: boolean;
  headers?: { name: string; value: string }[];
  specKind: 'url' | 'document' | 'keep';
  specUrl?: string;
  spec?: string;
}

/** Register a service, or edit one: URL, methods, limits, field map, passthrough, secret headers, spec. */
export function ServiceDrawer({
  service,
  onClose,
  onSaved,
}: {
  service: InterfaceService | 'new' | undefined;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<ServiceForm>();
  const [busy, setBusy] = useState(false);
  const existing = service && service !== 'new' ? service : undefined;
  const entries = useApi(service === 'new' ? '/catalog/entries' : null, {
    mine: true,
    status: 'published',
    pageSize: 200,
  });
  const entryId = Form.useWatch('entryId', form) ?? existing?.entryId;
  const specKind = Form.useWatch('specKind', form);
  const replaceHeaders = Form.useWatch('replaceHeaders', form);
  const items = useEntryItems(entryId);
  const itemOptions = (items ?? existing?.items.map((name) => ({ name })) ?? []).map((i) => ({
    value: i.name,
    label: i.name,
  }));

  useEffect(() => {
    if (!service) return;
    form.resetFields();
    if (existing)
      form.setFieldsValue({
        entryId: existing.entryId,
        url: existing.url,
        methods: existing.methods,
        timeoutMs: existing.timeoutMs,
        maxBytes: existing.maxBytes,
        fieldMap: Object.entries(existing.fieldMap).map(([field, item]) => ({ field, item })),
        passthrough: existing.passthrough,
        replaceHeaders: false,
        specKind: existing.specProvided ? 'keep' : 'url',
        specUrl: existing.specUrl ?? undefined,
      });
  }, [service, existing, form]);

  const save = async () => {
    let v: ServiceForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const fieldMap = Object.fromEntries(
      (v.fieldMap ?? []).filter((p) => p?.field && p.item).map((p) => [p.field.trim(), p.item]),
    );
    const headers = Object.fromEntries(
      (v.headers ?? []).filter((h) => h?.name && h.value).map((h) => [h.name.trim(), h.value]),
    );
    const spec =
      v.specKind === 'document' && v.spec?.trim()
        ? (JSON.parse(v.spec) as Record<string, unknown>)
        : undefined;
    setBusy(true);
    try {
      if (existing) {
        const change: ServiceChange = {
          url: v.url.trim(),
          methods: v.methods,
          timeoutMs: v.timeoutMs ?? null,
          maxBytes: v.maxBytes ?? null,
          fieldMap,
          passthrough: v.passthrough ?? [],
          ...(v.replaceHeaders ? { headers: Object.keys(headers).length > 0 ? headers : null } : {}),
          ...(v.specKind === 'url' ? { specUrl: v.specUrl?.trim() || null, spec: null } : {}),
          ...(v.specKind === 'document' ? { spec, specUrl: null } : {}),
        };
        await exchangeApi.updateService(existing.id, change);
      } else {
        const body: NewService = {
          entryId: v.entryId,
          url: v.url.trim(),
          methods: v.methods,
          ...(v.timeoutMs ? { timeoutMs: v.timeoutMs } : {}),
          ...(v.maxBytes ? { maxBytes: v.maxBytes } : {}),
          ...(Object.keys(fieldMap).length > 0 ? { fieldMap } : {}),
          ...(v.passthrough?.length ? { passthrough: v.passthrough } : {}),
          ...(Object.keys(headers).length > 0 ? { headers } : {}),
          ...(v.specKind === 'url' && v.specUrl?.trim() ? { specUrl: v.specUrl.trim() } : {}),
          ...(spec ? { spec } : {}),
        };
        await exchangeApi.registerService(body);
      }
      void message.success(t('exchange.services.saved'));
      onSaved();
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={!!service}
      onClose={onClose}
      size="large"
      destroyOnHidden
      title={
        existing
          ? t('exchange.services.editTitle', { name: existing.entryName })
          : t('exchange.services.register')
      }
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={save} data-testid="service-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<ServiceForm>
        form={form}
        layout="vertical"
        initialValues={{ methods: ['GET'], specKind: 'url', replaceHeaders: false }}
      >
        {existing ? (
          <Form.Item label={t('exchange.fields.resource')}>
            <Typography.Text>
              {existing.entryName}（{existing.entryCode}）
            </Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item
            name="entryId"
            label={t('exchange.fields.resource')}
            extra={t('exchange.services.entryHint')}
            rules={[{ required: true, message: t('exchange.resources.pickEntry') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={entries.loading}
              data-testid="service-entry"
              options={(entries.data?.items ?? []).map((e) => ({
                value: e.id,
                label: `${e.name}（${e.code}）`,
              }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="url"
          label={t('exchange.services.url')}
          extra={t('exchange.services.urlHint')}
          rules={[
            { required: true, message: t('exchange.services.urlRequired') },
            { pattern: /^https?:\/\/[^\s?#]+$/i, message: t('exchange.services.urlInvalid') },
          ]}
        >
          <Input placeholder="https://" data-testid="service-url" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item
              name="methods"
              label={t('exchange.services.methods')}
              rules={[
                { required: true, type: 'array', min: 1, message: t('exchange.services.methodsRequired') },
              ]}
            >
              <Checkbox.Group options={['GET', 'POST']} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="timeoutMs" label={t('exchange.services.timeoutMs')}>
              <InputNumber
                min={100}
                max={600_000}
                step={500}
                style={{ width: '100%' }}
                placeholder={t('exchange.services.platformDefault')}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="maxBytes" label={t('exchange.services.maxBytes')}>
              <InputNumber
                min={1024}
                max={1024 ** 3}
                style={{ width: '100%' }}
                placeholder={t('exchange.services.platformDefault')}
              />
            </Form.Item>
          </Col>
        </Row>

        <Typography.Title level={5}>{t('exchange.services.fieldMap')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('exchange.services.fieldMapHint')}</Typography.Paragraph>
        <Form.List name="fieldMap">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <Space key={key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item
                    name={[name, 'field']}
                    rules={[{ required: true, message: t('exchange.services.fieldRequired') }]}
                  >
                    <Input placeholder={t('exchange.services.responseField')} style={{ width: 220 }} />
                  </Form.Item>
                  <span>→</span>
                  <Form.Item
                    name={[name, 'item']}
                    rules={[{ required: true, message: t('exchange.services.itemRequired') }]}
                  >
                    <Select
                      options={itemOptions}
                      placeholder={t('exchange.columns.item')}
                      style={{ width: 220 }}
                    />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(name)} />
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add()}
                style={{ marginBottom: 16 }}
              >
                {t('exchange.services.addMapping')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item
          name="passthrough"
          label={t('exchange.services.passthrough')}
          extra={t('exchange.services.passthroughHint')}
        >
          <Select mode="tags" tokenSeparators={[',', ' ']} open={false} />
        </Form.Item>

        <Typography.Title level={5}>{t('exchange.services.headers')}</Typography.Title>
        {existing && (
          <Space style={{ marginBottom: 12 }} wrap>
            <Typography.Text type="secondary">{t('exchange.services.headersStored')}</Typography.Text>
            {existing.headerNames.length === 0 ? (
              <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
            ) : (
              existing.headerNames.map((h) => <Tag key={h}>{h}</Tag>)
            )}
            <Form.Item name="replaceHeaders" valuePropName="checked" noStyle>
              <Switch size="small" />
            </Form.Item>
            <Typography.Text>{t('exchange.services.replaceHeaders')}</Typography.Text>
          </Space>
        )}
        {(!existing || replaceHeaders) && (
          <Form.List name="headers">
            {(fields, { add, remove }) => (
              <>
                {fields.map(({ key, name }) => (
                  <Space key={key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item
                      name={[name, 'name']}
                      rules={[
                        {
                          required: true,
                          pattern: /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/,
                          message: t('exchange.services.headerNameInvalid'),
                        },
                      ]}
                    >
                      <Input placeholder={t('exchange.services.headerName')} style={{ width: 220 }} />
                    </Form.Item>
                    <Form.Item
                      name={[name, 'value']}
                      rules={[{ required: true, message: t('exchange.services.headerValueRequired') }]}
                    >
                      <Input.Password
                        placeholder={t('exchange.services.headerValue')}
                        style={{ width: 260 }}
                        autoComplete="new-password"
                      />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(name)} />
                  </Space>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add()}
                  style={{ marginBottom: 16 }}
                >
                  {t('exchange.services.addHeader')}
                </Button>
              </>
            )}
          </Form.List>
        )}
        <Alert type="info" showIcon title={t('exchange.services.headersHint')} style={{ marginBottom: 16 }} />

        <Typography.Title level={5}>{t('exchange.services.spec')}</Typography.Title>
        <Form.Item name="specKind" extra={t('exchange.services.specHint')}>
          <Radio.Group>
            {existing?.specProvided && <Radio value="keep">{t('exchange.services.specKeep')}</Radio>}
            <Radio value="url">{t('exchange.services.specUrl')}</Radio>
            <Radio value="document">{t('exchange.services.specDocument')}</Radio>
          </Radio.Group>
        </Form.Item>
        {specKind === 'url' && (
          <Form.Item
            name="specUrl"
            rules={[{ pattern: /^https?:\/\/\S+$/i, message: t('exchange.services.urlInvalid') }]}
          >
            <Input placeholder="https://…/openapi.json" data-testid="service-spec-url" />
          </Form.Item>
        )}
        {specKind === 'document' && (
          <Form.Item
            name="spec"
            rules={[
              {
                validator: async (_, value: string | undefined) => {
                  if (!value?.trim()) return;
                  let parsed: unknown;
                  try {
                    parsed = JSON.parse(value);
                  } catch {
                    throw new Error(t('exchange.services.specNotJson'));
                  }
                  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
                    throw new Error(t('exchange.services.specNotJson'));
                },
              },
            ]}
          >
            <Input.TextArea
              rows={8}
              placeholder='{"openapi":"3.0.3", …}'
              style={{ fontFamily: 'monospace', fontSize: 12 }}
            />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
