import { ArrowLeftOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Affix, App, Button, Card, Col, Form, Input, Result, Row, Skeleton, Space } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { catalogApi, type EntryDetail } from '../../../api/catalog.ts';
import { ApiError, fieldPath } from '../../../api/client.ts';
import { PageHeader } from '../../../layout/page-header.tsx';
import { ErrorAlert, useShowError } from '../../../lib/errors.tsx';
import { useApi } from '../../../lib/use-api.ts';
import { useSession } from '../../../session/index.tsx';
import { DocumentationSection } from '../documentation.tsx';
import { GradingSection, useNationalText } from '../national.tsx';
import { StatusTag } from '../tags.tsx';
import { useVocabulary } from '../vocabulary.ts';
import { BasicSection } from './basic-section.tsx';
import { type EditorValues, NEW_ENTRY, toContent, toValues } from './content.ts';
import { IssueContext, IssueList, type IssueView } from './issues.tsx';
import { ItemsEditor } from './items-editor.tsx';
import { ShareSection } from './share-section.tsx';
import { useLiveValidation } from './use-live-validation.ts';

/** 新建 / 编辑 an entry: the editor for an existing one waits for it to load. */
export function EditorPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { can } = useSession();
  const manages = can('catalog.manage');
  const loaded = useApi(id && manages ? `/catalog/entries/${id}` : null);
  if (!manages) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  if (!id) return <EntryEditor />;
  if (loaded.error) return <ErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Skeleton active paragraph={{ rows: 14 }} />;
  if (!loaded.data.allowedActions.includes('edit')) {
    return <Result status="403" title="403" subTitle={t('catalog.editor.notEditable')} />;
  }
  return <EntryEditor key={loaded.data.id} entry={loaded.data} />;
}

function EntryEditor({ entry }: { entry?: EntryDetail }) {
  const { t } = useTranslation();
  const nationalText = useNationalText();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const showError = useShowError();
  const vocabulary = useVocabulary();
  const [form] = Form.useForm<EditorValues>();
  const { issues, checking, check } = useLiveValidation();
  // Sections the user has worked in show their issues beside the fields; all of them after a save.
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [showAll, setShowAll] = useState(!!entry);
  const [busy, setBusy] = useState<'draft' | 'submit'>();
  const saved = useRef<string | undefined>(entry?.id);
  const editsPublished = entry?.publishedVersion !== null && entry?.publishedVersion !== undefined;
  const initial = useMemo(() => (entry ? toValues(entry.content) : NEW_ENTRY), [entry]);

  useEffect(() => {
    if (entry) void check(toContent(form.getFieldsValue(true) as EditorValues), true);
  }, [entry, check, form]);

  const view = useMemo<IssueView>(
    () => ({
      issues: issues ?? [],
      shows: (path) => showAll || touched.has(path.split(/[.[]/)[0] ?? path),
    }),
    [issues, showAll, touched],
  );

  const values = () => form.getFieldsValue(true) as EditorValues;

  const save = async (andSubmit: boolean) => {
    setBusy(andSubmit ? 'submit' : 'draft');
    setShowAll(true);
    const all = values();
    const content = toContent(all);
    const reason = all.changeReason?.trim() || undefined;
    try {
      const id = saved.current;
      const result = id ? await catalogApi.update(id, content, reason) : await catalogApi.create(content);
      saved.current = result.id;
      if (!andSubmit) {
        void message.success(t('catalog.editor.savedDraft'));
        navigate(`/catalog/entries/${result.id}`);
        return;
      }
      try {
        await catalogApi.submit(result.id, reason);
      } catch (e) {
        // The draft is kept; the user stays in the editor with every issue shown.
        showError(e);
        await check(content, true);
        if (!id) navigate(`/catalog/entries/${result.id}/edit`, { replace: true });
        return;
      }
      void message.success(t('catalog.editor.submitted'));
      navigate(`/catalog/entries/${result.id}`);
    } catch (e) {
      // The request schema names a field of the content (`/body/content/items/0/dataType`): put it there.
      const name = fieldPath(e instanceof ApiError ? e.field : undefined);
      if (name?.[0] === 'content' && name.length > 1 && e instanceof ApiError) {
        const path = name.slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
        form.setFields([{ name: path, errors: [e.message] }] as Parameters<typeof form.setFields>[0]);
        form.scrollToField(path, { block: 'center' });
      }
      showError(e);
      await check(content, true);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <>
      <Link
        to={entry ? `/catalog/entries/${entry.id}` : '/catalog'}
        style={{ display: 'inline-block', marginBottom: 8 }}
      >
        <ArrowLeftOutlined /> {entry ? t('catalog.editor.backToEntry') : t('catalog.detail.backToSearch')}
      </Link>
      <PageHeader
        title={
          <Space>
            {entry ? t('catalog.editor.editTitle', { name: entry.name }) : t('catalog.editor.newTitle')}
            {entry && <StatusTag status={entry.status} />}
          </Space>
        }
        subtitle={entry ? entry.code : t('catalog.editor.newSubtitle')}
      />
      <ErrorAlert error={vocabulary.error} />
      <IssueContext.Provider value={view}>
        <Form<EditorValues>
          form={form}
          layout="vertical"
          initialValues={initial}
          data-testid="catalog-editor"
          onValuesChange={(changed: EditorValues) => {
            setTouched((prev) => {
              const next = new Set(prev);
              for (const key of Object.keys(changed)) next.add(key);
              return next;
            });
            void check(toContent(values()));
          }}
        >
          <Row gutter={16}>
            <Col xs={24} xl={18}>
              <Card variant="borderless" title={t('catalog.detail.tabs.basic')} style={{ marginBottom: 16 }}>
                <BasicSection vocabulary={vocabulary} />
              </Card>
              <Card variant="borderless" title={t('catalog.detail.tabs.items')} style={{ marginBottom: 16 }}>
                <ItemsEditor vocabulary={vocabulary} />
              </Card>
              <Card
                variant="borderless"
                title={`${t('catalog.detail.tabs.share')} · ${t('catalog.detail.tabs.open')}`}
                style={{ marginBottom: 16 }}
              >
                <ShareSection vocabulary={vocabulary} />
              </Card>
              <Card variant="borderless" title={nationalText.grading} style={{ marginBottom: 16 }}>
                <GradingSection vocabulary={vocabulary} />
              </Card>
              <Card
                variant="borderless"
                title={t('catalog.documentation.title')}
                style={{ marginBottom: 16 }}
                data-testid="editor-documentation"
              >
                <DocumentationSection vocabulary={vocabulary} />
              </Card>
              {editsPublished && (
                <Card
                  variant="borderless"
                  title={t('catalog.editor.changeTitle')}
                  style={{ marginBottom: 16 }}
                >
                  <Form.Item
                    name="changeReason"
                    label={t('catalog.versions.changeReason')}
                    extra={t('catalog.editor.changeReasonHint')}
                  >
                    <Input.TextArea rows={2} maxLength={1000} showCount data-testid="editor-change-reason" />
                  </Form.Item>
                </Card>
              )}
            </Col>
            <Col xs={24} xl={6}>
              <Affix offsetTop={72}>
                <Card variant="borderless" title={t('catalog.editor.checkTitle')}>
                  <Space orientation="vertical" style={{ width: '100%' }} size={12}>
                    <IssueList
                      issues={issues}
                      checking={checking}
                      onPick={(name) => {
                        setShowAll(true);
                        form.scrollToField(name, { block: 'center' });
                      }}
                    />
                    <Button
                      block
                      icon={<SaveOutlined />}
                      loading={busy === 'draft'}
                      disabled={!!busy}
                      onClick={() => save(false)}
                      data-testid="editor-save"
                    >
                      {t('catalog.editor.saveDraft')}
                    </Button>
                    <Button
                      block
                      type="primary"
                      icon={<SendOutlined />}
                      loading={busy === 'submit'}
                      disabled={!!busy}
                      onClick={() => save(true)}
                      data-testid="editor-submit"
                    >
                      {t('catalog.editor.saveAndSubmit')}
                    </Button>
                  </Space>
                </Card>
              </Affix>
            </Col>
          </Row>
        </Form>
      </IssueContext.Provider>
    </>
  );
}
