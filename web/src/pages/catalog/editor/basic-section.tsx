import { Col, Form, Input, Row, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { areaList, type VocabularyState } from '../vocabulary.ts';
import { classificationPreview, type EditorValues } from './content.ts';
import { IssueItem } from './issues.tsx';

/** 基本信息: classification (areas follow the catalog class), name, summary, format, cycle, keywords. */
export function BasicSection({ vocabulary }: { vocabulary: VocabularyState }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<EditorValues>();
  const classification = Form.useWatch('classification', form) as EditorValues['classification'];
  const updateCycle = Form.useWatch('updateCycle', form) as string | undefined;
  const areas = areaList(classification?.catalog);
  const areaCode = areas
    ? vocabulary.vocabulary?.[areas].find((a) => a.value === classification?.area)?.code
    : undefined;
  const networkZone = vocabulary.vocabulary?.networkZone;

  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <IssueItem
            path="classification.catalog"
            name={['classification', 'catalog']}
            label={t('catalog.fields.catalogClass')}
            required
          >
            <Select
              options={vocabulary.options('catalogClasses')}
              data-testid="editor-catalog-class"
              onChange={() => form.setFieldValue(['classification', 'area'], undefined)}
            />
          </IssueItem>
        </Col>
        {areas && (
          <Col xs={24} md={8}>
            <IssueItem
              path="classification.area"
              name={['classification', 'area']}
              label={t('catalog.fields.area')}
              required
            >
              <Select
                options={vocabulary.options(areas)}
                data-testid="editor-area"
                placeholder={t('catalog.editor.pickArea')}
              />
            </IssueItem>
          </Col>
        )}
        <Col xs={12} md={areas ? 4 : 8}>
          <IssueItem
            path="classification.category"
            name={['classification', 'category']}
            label={t('catalog.fields.category')}
            tooltip={t('catalog.editor.categoryHint')}
            required
          >
            <Input maxLength={3} placeholder="001" data-testid="editor-category" />
          </IssueItem>
        </Col>
        <Col xs={12} md={areas ? 4 : 8}>
          <IssueItem
            path="classification.subcategory"
            name={['classification', 'subcategory']}
            label={t('catalog.fields.subcategory')}
          >
            <Input maxLength={6} data-testid="editor-subcategory" />
          </IssueItem>
        </Col>
      </Row>
      <Typography.Text type="secondary" style={{ display: 'block', margin: '-8px 0 12px', fontSize: 12 }}>
        {t('catalog.editor.codePreview')}：
        <Typography.Text code data-testid="editor-code-preview">
          {classificationPreview(classification, areaCode)}
        </Typography.Text>
      </Typography.Text>
      <IssueItem path="name" name="name" label={t('catalog.fields.name')} required>
        <Input maxLength={200} showCount data-testid="editor-name" />
      </IssueItem>
      <IssueItem path="summary" name="summary" label={t('catalog.fields.summary')} required>
        <Input.TextArea rows={3} maxLength={2000} showCount data-testid="editor-summary" />
      </IssueItem>
      <Row gutter={16}>
        <Col xs={24} md={6}>
          <IssueItem
            path="format.category"
            name={['format', 'category']}
            label={t('catalog.fields.formatCategory')}
            required
          >
            <Select options={vocabulary.options('formatCategories')} data-testid="editor-format-category" />
          </IssueItem>
        </Col>
        <Col xs={24} md={6}>
          <IssueItem
            path="format.concrete"
            name={['format', 'concrete']}
            label={t('catalog.fields.formatConcrete')}
            required
          >
            <Input
              maxLength={100}
              placeholder="MySQL / REST / xlsx / OFD"
              data-testid="editor-format-concrete"
            />
          </IssueItem>
        </Col>
        <Col xs={24} md={6}>
          <IssueItem path="updateCycle" name="updateCycle" label={t('catalog.fields.updateCycle')} required>
            <Select options={vocabulary.options('updateCycles')} data-testid="editor-update-cycle" />
          </IssueItem>
        </Col>
        {updateCycle === 'other' && (
          <Col xs={24} md={6}>
            <IssueItem
              path="updateCycleNote"
              name="updateCycleNote"
              label={t('catalog.fields.updateCycleNote')}
              required
            >
              <Input maxLength={200} data-testid="editor-update-cycle-note" />
            </IssueItem>
          </Col>
        )}
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <IssueItem
            path="keywords"
            name="keywords"
            label={t('catalog.fields.keywords')}
            tooltip={t('catalog.editor.tagsHint')}
          >
            <Select
              mode="tags"
              tokenSeparators={[',', '，', '、', ';', '；']}
              open={false}
              suffixIcon={null}
              data-testid="editor-keywords"
            />
          </IssueItem>
        </Col>
        <Col xs={24} md={12}>
          <IssueItem
            path="relatedCodes"
            name="relatedCodes"
            label={t('catalog.fields.relatedCodes')}
            tooltip={t('catalog.editor.relatedHint')}
          >
            <Select
              mode="tags"
              tokenSeparators={[',', '，', ' ', ';', '；']}
              open={false}
              suffixIcon={null}
              data-testid="editor-related"
            />
          </IssueItem>
        </Col>
      </Row>
      <IssueItem
        path="classified"
        name="classified"
        label={t('catalog.fields.classified')}
        valuePropName="checked"
        extra={networkZone === 'external' ? t('catalog.editor.classifiedExternal') : undefined}
      >
        <Switch data-testid="editor-classified" />
      </IssueItem>
    </>
  );
}
