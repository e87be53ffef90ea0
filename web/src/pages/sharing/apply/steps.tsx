import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  type FormInstance,
  Input,
  Radio,
  Select,
  Space,
  Tooltip,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { EntryContent } from '../../../api/catalog.ts';
import { FREQUENCY_OPTIONS, METHOD_OPTIONS, PURPOSE_OPTIONS } from '../../../api/sharing.ts';
import { chinaDate } from '../../../lib/format.ts';
import { ShareTypeTag } from '../../catalog/tags.tsx';
import { ItemTags, MethodTags, PurposeText, ScopeText } from '../shared.tsx';
import { Statements } from '../statements.tsx';
import { type ApplyForm, itemShareType, METHOD_CARRIERS, strictestOf, toInput } from './terms.ts';

/** Step 1: the published items; a not-shared item is shown but cannot be ticked, and says why. */
export function ItemsStep({ content }: { content: EntryContent }) {
  const { t } = useTranslation();
  const selected = Form.useWatch<string[] | undefined>('items') ?? [];
  return (
    <>
      <Typography.Paragraph type="secondary">{t('sharing.apply.itemsHint')}</Typography.Paragraph>
      <Form.Item
        name="items"
        label={`${t('sharing.fields.items')}（${t('sharing.apply.selectedCount', { count: selected.length })}）`}
        rules={[{ required: true, type: 'array', min: 1, message: t('sharing.apply.itemsRequired') }]}
      >
        <Checkbox.Group className="gs-wizard-items" style={{ display: 'grid', gap: 8 }}>
          {content.items.map((item) => {
            const type = itemShareType(item, content.share.type);
            const box = (
              <Checkbox
                key={item.name}
                value={item.name}
                disabled={type === 'not_shared'}
                data-testid={`apply-item-${item.name}`}
              >
                <Space size={8}>
                  <span>{item.name}</span>
                  <ShareTypeTag type={type} />
                </Space>
              </Checkbox>
            );
            return type === 'not_shared' ? (
              <Tooltip key={item.name} title={t('sharing.apply.itemNotShared')} placement="right">
                <span data-testid={`apply-item-locked-${item.name}`} style={{ width: 'fit-content' }}>
                  {box}
                </span>
              </Tooltip>
            ) : (
              <span key={item.name}>{box}</span>
            );
          })}
        </Checkbox.Group>
      </Form.Item>
    </>
  );
}

/**
 * Step 2: one of the regulations' uses (or "other" with its text), the duty served and its basis
 * (使用依据), and for an application the use scenario (使用场景, 809 第二十条第二款).
 */
export function PurposeStep({ agreement }: { agreement: boolean }) {
  const { t } = useTranslation();
  const purpose = Form.useWatch<string | undefined>('purpose');
  return (
    <>
      <Form.Item
        name="purpose"
        label={t('sharing.fields.purpose')}
        rules={[{ required: true, message: t('sharing.apply.purposeRequired') }]}
      >
        <Radio.Group>
          {PURPOSE_OPTIONS.map((p) => (
            <Radio.Button key={p} value={p} data-testid={`apply-purpose-${p}`}>
              {t(`sharing.purposes.${p}`)}
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      {purpose === 'other' && (
        <Form.Item
          name="purposeText"
          label={t('sharing.fields.purposeText')}
          rules={[{ required: true, whitespace: true, message: t('sharing.apply.purposeTextRequired') }]}
        >
          <Input maxLength={500} data-testid="apply-purpose-text" />
        </Form.Item>
      )}
      <Form.Item
        name="legalDuty"
        label={t('sharing.fields.legalDuty')}
        rules={[{ required: true, whitespace: true, message: t('sharing.apply.legalDutyRequired') }]}
      >
        <Input.TextArea
          rows={3}
          maxLength={2000}
          showCount
          placeholder={t('sharing.apply.legalDutyPlaceholder')}
          data-testid="apply-legal-duty"
        />
      </Form.Item>
      {!agreement && (
        <Form.Item
          name="scenario"
          label={t('sharing.fields.scenario')}
          extra={t('sharing.apply.scenarioHelp')}
          rules={[{ required: true, whitespace: true, message: t('sharing.apply.scenarioRequired') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('sharing.apply.scenarioPlaceholder')}
            data-testid="apply-scenario"
          />
        </Form.Item>
      )}
    </>
  );
}

/** Step 3: all records or a filter on chosen items, the methods the resource can carry, validity. */
export function TermsStep({ content, agreement }: { content: EntryContent; agreement: boolean }) {
  const { t } = useTranslation();
  const scopeKind = Form.useWatch<string | undefined>('scopeKind');
  const items = Form.useWatch<string[] | undefined>('items', { preserve: true }) ?? [];
  const today = chinaDate();
  const offered = (m: (typeof METHOD_OPTIONS)[number]) =>
    METHOD_CARRIERS[m].some((c) => content.share.methods.includes(c));
  return (
    <>
      {agreement && (
        <>
          <Form.Item
            name="frequency"
            label={t('sharing.agreements.fields.frequency')}
            rules={[{ required: true, message: t('sharing.apply.frequencyRequired') }]}
          >
            <Select
              style={{ width: 200 }}
              data-testid="apply-frequency"
              options={FREQUENCY_OPTIONS.map((f) => ({
                value: f,
                label: t(`sharing.agreements.frequencies.${f}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="terms" label={t('sharing.agreements.fields.terms')}>
            <Input.TextArea rows={3} maxLength={10_000} data-testid="apply-terms" />
          </Form.Item>
        </>
      )}
      <Form.Item name="scopeKind" label={t('sharing.fields.scope')} hidden={agreement}>
        <Radio.Group>
          <Radio value="all" data-testid="apply-scope-all">
            {t('sharing.scope.all')}
          </Radio>
          <Radio value="filter" data-testid="apply-scope-filter">
            {t('sharing.scope.filter')}
          </Radio>
        </Radio.Group>
      </Form.Item>
      {!agreement && scopeKind === 'filter' && (
        <Form.List
          name="filters"
          rules={[
            {
              validator: async (_, value: unknown[] | undefined) => {
                if (!value || value.length === 0) throw new Error(t('sharing.apply.filterRequired'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <div style={{ marginBottom: 16 }}>
              {fields.map((field) => (
                <Space key={field.key} align="baseline">
                  <Form.Item
                    name={[field.name, 'item']}
                    rules={[{ required: true, message: t('sharing.scope.item') }]}
                  >
                    <Select
                      style={{ width: 200 }}
                      placeholder={t('sharing.scope.item')}
                      options={items.map((i) => ({ value: i, label: i }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'value']}
                    rules={[{ required: true, whitespace: true, message: t('sharing.scope.value') }]}
                  >
                    <Input style={{ width: 240 }} placeholder={t('sharing.scope.value')} maxLength={200} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="apply-filter-add">
                {t('sharing.apply.addFilter')}
              </Button>
              <Form.ErrorList errors={errors} />
            </div>
          )}
        </Form.List>
      )}
      <Form.Item
        name="methods"
        label={t('sharing.fields.methods')}
        rules={[{ required: true, type: 'array', min: 1, message: t('sharing.apply.methodsRequired') }]}
      >
        <Checkbox.Group>
          {METHOD_OPTIONS.map((m) =>
            offered(m) ? (
              <Checkbox key={m} value={m} data-testid={`apply-method-${m}`}>
                {t(`sharing.methods.${m}`)}
              </Checkbox>
            ) : (
              <Tooltip key={m} title={t('sharing.apply.methodNotOffered')}>
                <span>
                  <Checkbox value={m} disabled data-testid={`apply-method-${m}`}>
                    {t(`sharing.methods.${m}`)}
                  </Checkbox>
                </span>
              </Tooltip>
            ),
          )}
        </Checkbox.Group>
      </Form.Item>
      <Space size={16} wrap>
        <Form.Item name="validFrom" label={t('sharing.fields.validFrom')}>
          <DatePicker
            format="YYYY-MM-DD"
            placeholder={today}
            disabledDate={(d) => d.format('YYYY-MM-DD') < today}
          />
        </Form.Item>
        <Form.Item
          name="validUntil"
          label={t('sharing.fields.validUntil')}
          rules={[{ required: true, message: t('sharing.apply.validityRequired') }]}
        >
          <DatePicker format="YYYY-MM-DD" disabledDate={(d) => d.format('YYYY-MM-DD') < today} />
        </Form.Item>
      </Space>
    </>
  );
}

/** Step 4: everything as it will be sent, and what happens on submission. */
export function ReviewStep({
  form,
  content,
  agreement,
}: {
  form: FormInstance<ApplyForm>;
  content: EntryContent;
  agreement: boolean;
}) {
  const { t } = useTranslation();
  const values = form.getFieldsValue(true) as ApplyForm;
  const input = toInput('', values);
  const types = content.items
    .filter((i) => input.items.includes(i.name))
    .map((i) => itemShareType(i, content.share.type));
  const unconditional = strictestOf([content.share.type, ...types]) === 'unconditional';
  return (
    <>
      <Alert
        type={unconditional && !agreement ? 'success' : 'info'}
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="apply-path-hint"
        title={
          agreement
            ? t('sharing.apply.agreementHint')
            : unconditional
              ? t('sharing.apply.unconditionalHint')
              : t('sharing.apply.conditionalHint')
        }
      />
      {!agreement && !unconditional && (
        <Alert
          type="info"
          style={{ marginBottom: 16 }}
          data-testid="apply-endorsement-hint"
          title={t('sharing.apply.endorsementHint')}
        />
      )}
      {agreement ? (
        <Descriptions bordered size="small" column={1} data-testid="apply-review">
          <Descriptions.Item label={t('sharing.fields.items')}>
            <ItemTags items={input.items} />
          </Descriptions.Item>
          <Descriptions.Item label={t('sharing.fields.purpose')}>
            <PurposeText purpose={input.purpose} text={input.purposeText} />
          </Descriptions.Item>
          <Descriptions.Item label={t('sharing.fields.legalDuty')}>{input.legalDuty}</Descriptions.Item>

          <Descriptions.Item label={t('sharing.agreements.fields.frequency')}>
            {values.frequency ? t(`sharing.agreements.frequencies.${values.frequency}`) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('sharing.agreements.fields.terms')}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{values.terms?.trim() || '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('sharing.fields.methods')}>
            <MethodTags methods={input.methods} />
          </Descriptions.Item>
          <Descriptions.Item label={t('sharing.fields.validity')}>
            {input.validFrom ?? chinaDate()} ~ {input.validUntil}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <div data-testid="apply-review">
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label={t('sharing.fields.items')}>
              <ItemTags items={input.items} />
            </Descriptions.Item>
            <Descriptions.Item label={t('sharing.fields.purpose')}>
              <PurposeText purpose={input.purpose} text={input.purposeText} />
            </Descriptions.Item>
          </Descriptions>
          <Statements
            basis={input.legalDuty}
            scenario={input.scenario}
            scope={<ScopeText scope={input.scope} />}
            methods={<MethodTags methods={input.methods} />}
            period={`${input.validFrom ?? chinaDate()} ~ ${input.validUntil}`}
          />
        </div>
      )}
    </>
  );
}
