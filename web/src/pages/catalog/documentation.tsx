/**
 * R73 数据文档 (肥城 第十六条, 广州 第十二条, 内乡 第四条第二款、第七条): an entry's 采集依据 and the
 * norms and procedures of its collection, publication and maintenance, in the editor and on the
 * entry. Required where the profile in force says so (the vocabulary tells).
 */
import { Alert, Descriptions, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DocumentationField, EntryContent } from '../../api/catalog.ts';
import { DOCUMENTATION_FIELDS } from './editor/content.ts';
import { IssueItem } from './editor/issues.tsx';
import type { VocabularyState } from './vocabulary.ts';

const PLACEHOLDERS = {
  collectionBasis: 'catalog.documentation.collectionBasisPlaceholder',
  collection: 'catalog.documentation.collectionPlaceholder',
  publication: 'catalog.documentation.publicationPlaceholder',
  maintenance: 'catalog.documentation.maintenancePlaceholder',
} as const satisfies Record<DocumentationField, string>;

/** The four text areas of the editor, marked required (with the article) where the profile asks. */
export function DocumentationSection({ vocabulary }: { vocabulary: VocabularyState }) {
  const { t } = useTranslation();
  const required = vocabulary.vocabulary?.documentationRequired;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('catalog.documentation.hint')}</Typography.Paragraph>
      {required && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="editor-documentation-rule"
          title={t('catalog.documentation.required', {
            article: vocabulary.vocabulary?.documentationArticle,
          })}
        />
      )}
      {DOCUMENTATION_FIELDS.map((field) => (
        <IssueItem
          key={field}
          path={`documentation.${field}`}
          name={['documentation', field]}
          label={t(`catalog.documentation.${field}`)}
          required={required}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 8 }}
            maxLength={2000}
            showCount
            placeholder={t(PLACEHOLDERS[field])}
            data-testid={`editor-documentation-${field}`}
          />
        </IssueItem>
      ))}
    </>
  );
}

/** The entry's documentation as the detail page shows it; 未填写 where a field is blank. */
export function DocumentationInfo({ content }: { content: EntryContent }) {
  const { t } = useTranslation();
  return (
    <Descriptions bordered size="small" column={1} data-testid="entry-documentation">
      {DOCUMENTATION_FIELDS.map((field) => (
        <Descriptions.Item key={field} label={t(`catalog.documentation.${field}`)}>
          <Typography.Paragraph
            style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
            type={content.documentation?.[field] ? undefined : 'secondary'}
            data-testid={`entry-documentation-${field}`}
          >
            {content.documentation?.[field] || t('catalog.documentation.none')}
          </Typography.Paragraph>
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
