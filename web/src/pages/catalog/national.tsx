/**
 * 政务数据共享条例（国务院令第809号）第十三条、第十七条 in the catalog pages: 数据分类分级 in the
 * editor and on the entry (N03), the assessments and the head's approval before submission (N02),
 * the authority's review deadline and the update obligation's one extension (N06).
 */
import { AuditOutlined, ClockCircleOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import type React from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntryDetail, Obligation } from '../../api/catalog.ts';
import { api } from '../../api/client.ts';
import type { BodyOf, ResponseOf } from '../../api/contract.ts';
import { isEnglish } from '../../i18n/index.ts';
import { catalogEn } from '../../i18n/modules/catalog.en.ts';
import { type CatalogMessages, catalogZhCN } from '../../i18n/modules/catalog.zh-CN.ts';
import { useShowError } from '../../lib/errors.tsx';
import { buttonTestId } from '../../lib/test-id.ts';
import { useApi } from '../../lib/use-api.ts';
import { IssueItem } from './editor/issues.tsx';
import { useVocabulary, type VocabularyState } from './vocabulary.ts';

type PreparationStatus = ResponseOf<`/catalog/entries/${string}/preparation`>;
type PreparationRecord = PreparationStatus['records'][number];
type PreparationInput = BodyOf<`/catalog/entries/${string}/preparation`, 'POST'>;

type Text = CatalogMessages['national'];

export function useNationalText(): Text {
  const { i18n } = useTranslation();
  return isEnglish(i18n.language) ? catalogEn.national : catalogZhCN.national;
}

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ''));

/** 数据分类分级 fields of the editor (N03): the level only for general data. */
export function GradingSection({ vocabulary }: { vocabulary: VocabularyState }) {
  const text = useNationalText();
  const form = Form.useFormInstance();
  const dataClass = Form.useWatch(['grading', 'dataClass'], form) as string | undefined;
  return (
    <>
      <Typography.Paragraph type="secondary">{text.gradingHint}</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <IssueItem
            path="grading"
            name={['grading', 'dataClass']}
            label={text.dataClass}
            required={vocabulary.vocabulary?.gradingRequired}
          >
            <Select
              allowClear
              placeholder={text.pickClass}
              options={vocabulary.options('dataClasses')}
              data-testid="editor-data-class"
              onChange={() => form.setFieldValue(['grading', 'level'], undefined)}
            />
          </IssueItem>
        </Col>
        {dataClass === 'general' && (
          <Col xs={24} md={12}>
            <IssueItem path="grading.level" name={['grading', 'level']} label={text.level} required>
              <Select options={vocabulary.options('generalLevels')} data-testid="editor-data-level" />
            </IssueItem>
          </Col>
        )}
      </Row>
    </>
  );
}

/** The entry's 数据分类分级 as a tag; 未定级 where none is stated. */
export function GradingTag({ entry, vocabulary }: { entry: EntryDetail; vocabulary: VocabularyState }) {
  const text = useNationalText();
  const grading = entry.content.grading;
  if (!grading) return <Tag data-testid="entry-grading">{text.ungraded}</Tag>;
  const color = { core: 'red', important: 'orange', general: 'green' }[grading.dataClass];
  return (
    <Tag color={color} data-testid="entry-grading">
      {vocabulary.label('dataClasses', grading.dataClass)}
      {grading.level ? ` · ${vocabulary.label('generalLevels', grading.level)}` : ''}
    </Tag>
  );
}

interface DeadlineLike {
  dueDate: string;
  article: string | null;
  workingDaysLeft: number | null;
  provisional: boolean;
}

/** A due date with its countdown (none once decided), its article and 「暂定」 where provisional. */
export function DeadlineText({ deadline, testId }: { deadline: DeadlineLike; testId?: string }) {
  const text = useNationalText();
  const left = deadline.workingDaysLeft;
  return (
    <Space size={4} wrap data-testid={testId}>
      <span>
        {text.due} {deadline.dueDate}
      </span>
      {deadline.provisional && (
        <Tag color="gold" title={text.provisionalHint}>
          {text.provisional}
        </Tag>
      )}
      {left !== null && (
        <Typography.Text type={left < 0 ? 'danger' : undefined}>
          {left >= 0 ? fill(text.daysLeft, { n: left }) : fill(text.daysOver, { n: -left })}
        </Typography.Text>
      )}
      {deadline.article && <Typography.Text type="secondary">（{deadline.article}）</Typography.Text>}
    </Space>
  );
}

/** 809 第十七条第三款: the authority's review deadline of a submitted update. */
export function ReviewDeadlineAlert({ entry }: { entry: EntryDetail }) {
  const text = useNationalText();
  const deadline = entry.reviewDeadline;
  if (!deadline) return null;
  const overdue = deadline.workingDaysLeft !== null && deadline.workingDaysLeft < 0;
  return (
    <Alert
      type={deadline.workingDaysLeft === null ? 'success' : overdue ? 'error' : 'info'}
      showIcon
      icon={<ClockCircleOutlined />}
      style={{ marginBottom: 16 }}
      data-testid="entry-review-deadline"
      title={
        <Space wrap>
          <strong>{deadline.workingDaysLeft === null ? text.decided : text.review}</strong>
          <DeadlineText deadline={deadline} />
        </Space>
      }
      description={text.reviewHint}
    />
  );
}

/** N02: the records of the entry's current content, what is missing, and the steps the reader may take. */
export function PreparationCard({ entryId, onChanged }: { entryId: string; onChanged: () => void }) {
  const text = useNationalText();
  const status = useApi(`/catalog/entries/${entryId}/preparation`);
  const [recording, setRecording] = useState<'assessment' | 'approval'>();
  const s = status.data;
  const editable = s?.entry.currentStatus === 'draft' || s?.entry.currentStatus === 'returned';
  if (!s?.required || (!editable && s.records.length === 0)) return null;
  return (
    <Card
      variant="borderless"
      style={{ marginBottom: 16 }}
      data-testid="entry-preparation"
      title={
        <Space>
          <AuditOutlined />
          {text.preparation}
        </Space>
      }
      extra={
        <Space wrap>
          {s.canAssess && (
            <Button size="small" onClick={() => setRecording('assessment')} data-testid="preparation-assess">
              {text.record}
            </Button>
          )}
          {s.canApprove && (
            <Button
              size="small"
              type="primary"
              onClick={() => setRecording('approval')}
              data-testid="preparation-approve"
            >
              {text.approve}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{text.preparationHint}</Typography.Paragraph>
      {s.head ? (
        <Typography.Paragraph>
          {text.head}：{s.head.name}（{s.head.title}）{s.head.hasAccount ? '' : text.noAccount}
        </Typography.Paragraph>
      ) : (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={text.noHead} />
      )}
      {s.missing.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="preparation-missing"
          title={text.missing + s.missing.map((k) => text.kinds[k]).join('、')}
        />
      ) : (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={text.ready}
          data-testid="preparation-ready"
        />
      )}
      <List<PreparationRecord>
        size="small"
        dataSource={[...s.records].reverse()}
        renderItem={(r) => (
          <List.Item data-testid={`preparation-record-${r.kind}`}>
            <Space orientation="vertical" size={0} style={{ minWidth: 0, width: '100%' }}>
              <Space wrap size={4}>
                <strong>{text.kinds[r.kind]}</strong>
                <Tag color={r.result === 'failed' || r.result === 'refused' ? 'red' : 'green'}>
                  {text.results[r.result as keyof Text['results']] ?? r.result}
                </Tag>
                {!r.current && <Tag>{text.outdated}</Tag>}
              </Space>
              <Typography.Text style={{ wordBreak: 'break-all' }}>{r.summary}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                {r.reference ? `${text.reference}：${r.reference} · ` : ''}
                {text.by}：{r.recordedBy.name}
                {r.onBehalfOf ? ` · ${fill(text.onBehalf, { name: r.onBehalfOf })}` : ''} ·{' '}
                {r.at.slice(0, 16).replace('T', ' ')}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {recording && status.data && (
        <PreparationModal
          entryId={entryId}
          mode={recording}
          status={status.data}
          onClose={() => setRecording(undefined)}
          onDone={() => {
            setRecording(undefined);
            status.reload();
            onChanged();
          }}
        />
      )}
    </Card>
  );
}

function PreparationModal({
  entryId,
  mode,
  status,
  onClose,
  onDone,
}: {
  entryId: string;
  mode: 'assessment' | 'approval';
  status: PreparationStatus;
  onClose: () => void;
  onDone: () => void;
}) {
  const text = useNationalText();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Pick<PreparationInput, 'kind' | 'result' | 'reference' | 'summary'>>();
  const [busy, setBusy] = useState(false);
  const kinds =
    mode === 'approval'
      ? (['head_approval'] as const)
      : status.personalItems
        ? (['secrecy_risk', 'personal_info_impact'] as const)
        : (['secrecy_risk'] as const);
  const results =
    mode === 'approval'
      ? (['approved', 'refused'] as const)
      : (['passed', 'passed_with_measures', 'failed'] as const);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      await api(`/catalog/entries/${entryId}/preparation`, {
        method: 'POST',
        body: {
          kind: values.kind,
          result: values.result,
          summary: values.summary,
          ...(values.reference?.trim() ? { reference: values.reference.trim() } : {}),
        },
      });
      void message.success(text.saved);
      onDone();
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={mode === 'approval' ? text.approve : text.record}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText={text.save}
      cancelText={text.cancel}
      okButtonProps={buttonTestId('preparation-save')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ kind: kinds[0], result: results[0] }}>
        <Form.Item name="kind" label={text.kind} rules={[{ required: true }]}>
          <Radio.Group
            data-testid="preparation-kind"
            options={kinds.map((k) => ({ value: k, label: text.kinds[k] }))}
          />
        </Form.Item>
        <Form.Item name="result" label={text.result} rules={[{ required: true }]}>
          <Radio.Group
            data-testid="preparation-result"
            options={results.map((r) => ({ value: r, label: text.results[r] }))}
          />
        </Form.Item>
        <Form.Item name="reference" label={text.reference} extra={text.referenceHint}>
          <Input maxLength={200} data-testid="preparation-reference" />
        </Form.Item>
        <Form.Item
          name="summary"
          label={text.summary}
          rules={[{ required: true, whitespace: true, message: text.summaryRequired }]}
        >
          <Input.TextArea rows={3} maxLength={4000} showCount data-testid="preparation-summary" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The extension's state on an obligation, with the original due date once it moved. */
export function ExtensionState({ obligation }: { obligation: Obligation }) {
  const text = useNationalText();
  const ext = obligation.extension;
  return (
    <Space size={4} wrap>
      {obligation.provisional && <Tag color="gold">{text.provisional}</Tag>}
      {ext && (
        <Tag
          color={{ requested: 'processing', granted: 'green', refused: 'red' }[ext.status]}
          data-testid={`obligation-extension-${obligation.id}`}
        >
          {text.extensionStates[ext.status]}
        </Tag>
      )}
      {obligation.originalDueDate && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {text.originalDue} {obligation.originalDueDate}
        </Typography.Text>
      )}
    </Space>
  );
}

/** 809 第十七条第二款: the department asks once; the authority consents or refuses. */
export function ExtensionButtons({ obligation, onDone }: { obligation: Obligation; onDone: () => void }) {
  const text = useNationalText();
  const { message } = App.useApp();
  const showError = useShowError();
  const [open, setOpen] = useState<'request' | 'decide'>();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const send = async (call: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await call();
      void message.success(text.saved);
      setOpen(undefined);
      setValue('');
      onDone();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {obligation.allowedActions.includes('requestExtension') && (
        <Button
          size="small"
          onClick={() => setOpen('request')}
          data-testid={`obligation-extend-${obligation.id}`}
        >
          {text.extension}
        </Button>
      )}
      {obligation.allowedActions.includes('decideExtension') && (
        <Button
          size="small"
          onClick={() => setOpen('decide')}
          data-testid={`obligation-decide-${obligation.id}`}
        >
          {text.decide}
        </Button>
      )}
      <Modal
        open={open === 'request'}
        title={text.extensionTitle}
        onOk={() =>
          send(() =>
            api(`/catalog/obligations/${obligation.id}/extension`, {
              method: 'POST',
              body: { reason: value.trim() },
            }),
          )
        }
        onCancel={() => setOpen(undefined)}
        confirmLoading={busy}
        okButtonProps={{ disabled: !value.trim() }}
        okText={text.save}
        cancelText={text.cancel}
      >
        <Input.TextArea
          rows={3}
          maxLength={2000}
          value={value}
          placeholder={text.extensionReason}
          onChange={(e) => setValue(e.target.value)}
          data-testid="extension-reason"
        />
      </Modal>
      <Modal
        open={open === 'decide'}
        title={text.decide}
        onCancel={() => setOpen(undefined)}
        footer={
          <Space wrap>
            <Button onClick={() => setOpen(undefined)}>{text.cancel}</Button>
            <Button
              danger
              loading={busy}
              onClick={() =>
                send(() =>
                  api(`/catalog/obligations/${obligation.id}/extension/decision`, {
                    method: 'POST',
                    body: { consent: false, comment: value },
                  }),
                )
              }
            >
              {text.refuse}
            </Button>
            <Button
              type="primary"
              loading={busy}
              onClick={() =>
                send(() =>
                  api(`/catalog/obligations/${obligation.id}/extension/decision`, {
                    method: 'POST',
                    body: { consent: true, comment: value },
                  }),
                )
              }
              data-testid="extension-consent"
            >
              {text.consent}
            </Button>
          </Space>
        }
      >
        {obligation.extension && <Typography.Paragraph>{obligation.extension.reason}</Typography.Paragraph>}
        <Input.TextArea
          rows={2}
          maxLength={2000}
          value={value}
          placeholder={text.comment}
          onChange={(e) => setValue(e.target.value)}
        />
      </Modal>
    </>
  );
}

/**
 * The head's view of a draft it may not otherwise read (809 第十三条: the head approves the
 * department's catalog): what is judged, and the approval step. Falls back to `notFound`.
 */
export function HeadApprovalView({ entryId, notFound }: { entryId: string; notFound: React.ReactNode }) {
  const text = useNationalText();
  const vocabulary = useVocabulary();
  const status = useApi(`/catalog/entries/${entryId}/preparation`);
  if (status.error) return <>{notFound}</>;
  const s = status.data;
  if (!s) return null;
  const c = s.entry.content;
  return (
    <>
      <Card variant="borderless" style={{ marginBottom: 16 }} data-testid="head-approval-entry">
        <Space size={8} wrap>
          <Typography.Text code>{s.entry.code}</Typography.Text>
          {c.grading ? (
            <Tag data-testid="entry-grading">
              {vocabulary.label('dataClasses', c.grading.dataClass)}
              {c.grading.level ? ` · ${vocabulary.label('generalLevels', c.grading.level)}` : ''}
            </Tag>
          ) : (
            <Tag data-testid="entry-grading">{text.ungraded}</Tag>
          )}
        </Space>
        <h1 data-testid="entry-name" style={{ wordBreak: 'break-all' }}>
          {c.name}
        </h1>
        <Typography.Paragraph style={{ wordBreak: 'break-all' }}>{c.summary}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          {vocabulary.label('shareTypes', c.share.type)} · {c.items.map((i) => i.name).join('、')}
        </Typography.Paragraph>
      </Card>
      <PreparationCard entryId={entryId} onChanged={status.reload} />
    </>
  );
}
