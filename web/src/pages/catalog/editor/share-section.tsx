import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Col, Form, Input, Radio, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { SHARE_TYPE_COLORS } from '../tags.tsx';
import type { VocabularyState } from '../vocabulary.ts';
import type { EditorValues } from './content.ts';
import { IssueItem, useIssuesAt } from './issues.tsx';

/** 共享属性 and 开放属性; the legal basis list is marked required when the share type needs one. */
export function ShareSection({ vocabulary }: { vocabulary: VocabularyState }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<EditorValues>();
  const type = Form.useWatch(['share', 'type'], form) as string | undefined;
  const toPublic = Form.useWatch(['open', 'toPublic'], form) as boolean | undefined;
  const basis = (Form.useWatch(['share', 'legalBasis'], form) ?? []) as unknown[];
  const needsBasis = !!type && (vocabulary.vocabulary?.legalBasisRequiredFor ?? []).includes(type as never);
  const basisIssues = useIssuesAt('share.legalBasis');

  return (
    <>
      <IssueItem path="share.type" name={['share', 'type']} label={t('catalog.fields.shareType')} required>
        <Radio.Group optionType="button" buttonStyle="solid" data-testid="editor-share-type">
          {vocabulary.options('shareTypes').map((o) => (
            <Radio.Button key={o.value} value={o.value} data-testid={`share-type-${o.value}`}>
              <span
                style={{
                  display: 'inline-block',
                  width: 8,
                  height: 8,
                  borderRadius: 4,
                  marginInlineEnd: 6,
                  background: { green: '#16a34a', orange: '#f59e0b', red: '#dc2626' }[
                    SHARE_TYPE_COLORS[o.value as keyof typeof SHARE_TYPE_COLORS]
                  ],
                }}
              />
              {o.label}
            </Radio.Button>
          ))}
        </Radio.Group>
      </IssueItem>
      {type && type !== 'unconditional' && (
        <IssueItem
          path="share.conditions"
          name={['share', 'conditions']}
          label={t('catalog.fields.shareConditions')}
          required={type === 'conditional'}
        >
          <Input.TextArea rows={2} maxLength={1000} data-testid="editor-share-conditions" />
        </IssueItem>
      )}
      <IssueItem
        path="share.methods"
        name={['share', 'methods']}
        label={t('catalog.fields.shareMethods')}
        required
      >
        <Checkbox.Group options={vocabulary.options('shareMethods')} data-testid="editor-share-methods" />
      </IssueItem>
      <Form.Item
        label={t('catalog.fields.legalBasis')}
        required={needsBasis}
        data-testid="editor-legal-basis"
        tooltip={vocabulary.vocabulary?.legalBasisArticle}
      >
        {basisIssues.length > 0 ? (
          // The server's own words name the rule and its article.
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 8 }}
            title={<span data-testid="legal-basis-error">{basisIssues.join('；')}</span>}
          />
        ) : (
          needsBasis &&
          basis.length === 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              title={t('catalog.editor.basisRequired', { type: vocabulary.label('shareTypes', type) })}
            />
          )
        )}
        <Form.List name={['share', 'legalBasis']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Row gutter={8} key={field.key} align="top">
                  <Col xs={24} md={6}>
                    <IssueItem path={`share.legalBasis[${index}].kind`} name={[field.name, 'kind']}>
                      <Select
                        options={vocabulary.options('legalBasisKinds')}
                        placeholder={t('catalog.fields.basisKind')}
                        data-testid={`basis-kind-${index}`}
                      />
                    </IssueItem>
                  </Col>
                  <Col xs={24} md={10}>
                    <IssueItem path={`share.legalBasis[${index}].title`} name={[field.name, 'title']}>
                      <Input
                        placeholder={t('catalog.editor.basisTitleHint')}
                        data-testid={`basis-title-${index}`}
                      />
                    </IssueItem>
                  </Col>
                  <Col xs={20} md={6}>
                    <IssueItem path={`share.legalBasis[${index}].article`} name={[field.name, 'article']}>
                      <Input
                        placeholder={t('catalog.editor.basisArticleHint')}
                        data-testid={`basis-article-${index}`}
                      />
                    </IssueItem>
                  </Col>
                  <Col xs={4} md={2}>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('catalog.editor.removeBasis')}
                    />
                  </Col>
                </Row>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ kind: 'law' })}
                data-testid="basis-add"
              >
                {t('catalog.editor.addBasis')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={6}>
          <IssueItem
            path="open.toPublic"
            name={['open', 'toPublic']}
            label={t('catalog.fields.openToPublic')}
            valuePropName="checked"
          >
            <Switch data-testid="editor-open" />
          </IssueItem>
        </Col>
        {toPublic && (
          <Col xs={24} md={18}>
            <IssueItem
              path="open.conditions"
              name={['open', 'conditions']}
              label={t('catalog.fields.openConditions')}
            >
              <Input maxLength={1000} data-testid="editor-open-conditions" />
            </IssueItem>
          </Col>
        )}
        {toPublic && (
          <Col xs={24}>
            <IssueItem
              path="open.basis"
              name={['open', 'basis']}
              label={t('catalog.fields.openBasis')}
              required
            >
              <Radio.Group data-testid="editor-open-basis">
                {(['provider_consent', 'disclosure_scope'] as const).map((value) => (
                  <Radio key={value} value={value} data-testid={`open-basis-${value}`}>
                    {t(`catalog.fields.openBases.${value}`)}
                  </Radio>
                ))}
              </Radio.Group>
            </IssueItem>
          </Col>
        )}
      </Row>
    </>
  );
}
