import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { type GrantChange, type GrantDetail, sharingApi } from '../../api/sharing.ts';
import { ErrorAlert, useShowError } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { buttonTestId } from '../../lib/test-id.ts';
import { useApi } from '../../lib/use-api.ts';
import { useMe, useSession } from '../../session/index.tsx';
import { FileComplaintButton } from './complaint/file-complaint.tsx';
import { MisuseFindingButton } from './complaint/misuse-finding.tsx';
import { DisposalSection } from './grant-use/disposal-section.tsx';
import { useGrantUseTexts } from './grant-use/texts.ts';
import { UseChangeSection } from './grant-use/use-change.tsx';
import { UseRecordsSection } from './grant-use/use-records-section.tsx';
import { CaseTimeline, GrantStatusTag, ItemTags, MethodTags, PurposeText } from './shared.tsx';

/**
 * The changes open on a grant for this reader: the provider's resource administrators and the
 * authority manage it (the server decides; a jurisdiction reach is not known here, so the
 * authority sees the buttons and the server has the last word).
 */
function changesFor(grant: GrantDetail, manage: string | undefined, departmentId: string): GrantChange[] {
  const manages =
    manage === 'all' ||
    manage === 'jurisdiction' ||
    (manage === 'department' && grant.provider.departmentId === departmentId);
  if (!manages) return [];
  if (grant.status === 'active') return ['suspend', 'revoke'];
  if (grant.status === 'suspended') return ['resume', 'revoke'];
  return [];
}

/** N12: the supply deadline (供给期限), its article, and whether it was met, late or is overdue. */
function SupplyState({ supply }: { supply: NonNullable<GrantDetail['supply']> }) {
  const { t, i18n } = useTranslation();
  const at = supply.suppliedAt ? formatDateTime(supply.suppliedAt, i18n.language) : '';
  const state = supply.suppliedAt
    ? supply.late
      ? { color: 'orange', text: t('sharing.grants.supply.late', { at }) }
      : { color: 'green', text: t('sharing.grants.supply.met', { at }) }
    : supply.overdue
      ? { color: 'red', text: t('sharing.grants.supply.overdue') }
      : supply.workingDaysLeft !== null
        ? { color: 'blue', text: t('sharing.grants.supply.pending', { days: supply.workingDaysLeft }) }
        : undefined;
  return (
    <div data-testid="grant-supply" data-overdue={supply.overdue} data-supplied={!!supply.suppliedAt}>
      <Space size={8} wrap>
        <span data-testid="grant-supply-due">{supply.dueDate ?? t('sharing.grants.supply.noPeriod')}</span>
        {supply.provisional && <Tag>{t('sharing.grants.supply.provisional')}</Tag>}
        {state && <Tag color={state.color}>{state.text}</Tag>}
      </Space>
      {(supply.article ?? supply.note) && (
        <div>
          <Typography.Text type="secondary">{supply.article ?? supply.note}</Typography.Text>
        </div>
      )}
    </div>
  );
}

/** A grant: what it allows, its status and why, and its history; suspend / resume / revoke with a reason. */
export function GrantPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const { reach } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const uses = useGrantUseTexts();
  const loaded = useApi(`/sharing/grants/${id}`);
  const [updated, setUpdated] = useState<GrantDetail>();
  const [change, setChange] = useState<GrantChange>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const grant = updated?.id === id ? updated : loaded.data;

  if (loaded.error?.status === 404)
    return <Result status="404" title="404" subTitle={loaded.error.message} />;
  if (!grant)
    return (
      <>
        <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
        <Skeleton active />
      </>
    );
  const changes = changesFor(grant, reach('sharing.grant.manage'), me.department.id);

  const run = async () => {
    if (!change) return;
    let reason: string;
    try {
      reason = (await form.validateFields()).reason.trim();
    } catch {
      return;
    }
    setBusy(true);
    try {
      setUpdated(await sharingApi.changeGrant(grant.id, change, reason));
      void message.success(t(`sharing.grants.done.${change}`));
      setChange(undefined);
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        style={{ paddingInline: 0 }}
        onClick={() => navigate(-1)}
      >
        {t('sharing.case.back')}
      </Button>
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <div className="gs-case-head">
          <div>
            <Space size={8} wrap>
              <Typography.Text code>{grant.entry.code}</Typography.Text>
              <GrantStatusTag status={grant.status} />
            </Space>
            <h1 data-testid="grant-entry">{grant.entry.name}</h1>
            <Space size={16} wrap style={{ color: '#475569' }}>
              <span>
                {t('sharing.fields.holder')}：{grant.consumer.name}
              </span>
              <span>
                {t('sharing.fields.provider')}：{grant.provider.name}
              </span>
            </Space>
          </div>
          <Space wrap>
            {grant.provider.departmentId === me.department.id && (
              <FileComplaintButton
                respondent={grant.consumer}
                subject={{ type: 'grant', id: grant.id }}
                kind="misuse"
              />
            )}
            {/* N17: those who manage the grant (its provider, the authority) may find misuse. */}
            {grant.status === 'active' && changes.length > 0 && <MisuseFindingButton grantId={grant.id} />}
            {changes.length > 0 && (
              <Space data-testid="grant-actions">
                {changes.map((c) => (
                  <Button
                    key={c}
                    danger={c !== 'resume'}
                    type={c === 'resume' ? 'primary' : 'default'}
                    onClick={() => setChange(c)}
                    data-testid={`grant-${c}`}
                  >
                    {t(`sharing.grants.actions.${c}`)}
                  </Button>
                ))}
              </Space>
            )}
          </Space>
        </div>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card variant="borderless" title={t('sharing.grants.detail')} style={{ marginBottom: 16 }}>
            <Descriptions bordered size="small" column={1} data-testid="grant-detail">
              <Descriptions.Item label={t('sharing.fields.grantedItems')}>
                <ItemTags items={grant.items} color="green" testId="grant-items" />
              </Descriptions.Item>
              <Descriptions.Item label={t('sharing.fields.purpose')}>
                <PurposeText purpose={grant.purpose} />
              </Descriptions.Item>
              <Descriptions.Item label={t('sharing.fields.methods')}>
                <MethodTags methods={grant.methods} />
              </Descriptions.Item>
              <Descriptions.Item label={t('sharing.fields.validity')}>
                {grant.validFrom} ~ {grant.validUntil}
              </Descriptions.Item>
              <Descriptions.Item label={t('sharing.fields.origin')}>
                {t(`sharing.origins.${grant.origin}`)}
                {(grant.origin === 'application' || grant.origin === 'unconditional') && (
                  <Link to={`/sharing/applications/${grant.originId}`} style={{ marginInlineStart: 8 }}>
                    {t('sharing.grants.fromApplication')}
                  </Link>
                )}
              </Descriptions.Item>
              {grant.supply && (
                <Descriptions.Item label={t('sharing.grants.supply.label')}>
                  <SupplyState supply={grant.supply} />
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('sharing.fields.status')}>
                <GrantStatusTag status={grant.status} />
                {grant.statusReason && <span data-testid="grant-status-reason">{grant.statusReason}</span>}
                {grant.statusChangedAt && (
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                    {formatDateTime(grant.statusChangedAt, i18n.language)}
                  </Typography.Text>
                )}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          {/* N14, N21, N16 (809 第二十五条, 第二十九条第二款, 第二十七条第一款) */}
          <UseChangeSection
            grantId={grant.id}
            isConsumer={grant.consumer.departmentId === me.department.id}
            open={grant.status === 'active' || grant.status === 'suspended'}
          />
          <UseRecordsSection grantId={grant.id} />
          <DisposalSection grantId={grant.id} isProvider={grant.provider.departmentId === me.department.id} />
        </Col>
        <Col xs={24} lg={9}>
          <Card variant="borderless" title={t('sharing.grants.history')}>
            <CaseTimeline events={grant.timeline} labels={uses.w.events} />
          </Card>
        </Col>
      </Row>
      <Modal
        open={!!change}
        title={change && t(`sharing.grants.actions.${change}`)}
        onCancel={() => setChange(undefined)}
        onOk={run}
        confirmLoading={busy}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ ...buttonTestId('grant-confirm'), danger: change !== 'resume' }}
        destroyOnHidden
      >
        {change && <p>{t(`sharing.grants.confirm.${change}`)}</p>}
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={t('sharing.grants.reason')}
            rules={[{ required: true, whitespace: true, message: t('sharing.grants.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="grant-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
