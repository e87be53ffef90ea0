import { CheckOutlined } from '@ant-design/icons';
import { Descriptions, Empty, List, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { sealTypeOf } from '../../../../../src/catalog/seal-type.ts';
import type { EntryContent, EntryDetail, InformationItem } from '../../../api/catalog.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { ShareTypeTag } from '../tags.tsx';
import { areaList, useVocabulary } from '../vocabulary.ts';

const yes = <CheckOutlined style={{ color: '#16a34a' }} />;

/** 基本信息: classification, summary, format, cycle, keywords, related resources. */
export function BasicInfo({ entry, content }: { entry: EntryDetail; content: EntryContent }) {
  const { t, i18n } = useTranslation();
  const { label } = useVocabulary();
  const area = areaList(content.classification.catalog);
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="entry-basic">
      <Descriptions.Item label={t('catalog.fields.name')} span={2}>
        {content.name}
      </Descriptions.Item>
      <Descriptions.Item label={t('catalog.fields.code')}>
        <Typography.Text code copyable>
          {entry.code}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('catalog.fields.provider')}>
        {entry.provider.name}
        <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
          {entry.provider.code}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('catalog.fields.catalogClass')}>
        {label('catalogClasses', content.classification.catalog)}
        {area && content.classification.area ? ` · ${label(area, content.classification.area)}` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('catalog.fields.classification')}>
        {t('catalog.fields.categoryShort')} {content.classification.category}
        {content.classification.subcategory
          ? ` · ${t('catalog.fields.subcategoryShort')} ${content.classification.subcategory}`
          : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('catalog.fields.summary')} span={2}>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
          {content.summary}
        </Typography.Paragraph>
      </Descriptions.Item>
      <Descriptions.Item label={t('catalog.fields.format')}>
        {label('formatCategories', content.format.category)}
        {content.format.concrete ? `（${content.format.concrete}）` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('catalog.fields.sealType')}>
        <span data-testid="entry-seal-type">
          {t(`catalog.fields.sealTypes.${sealTypeOf(content) ?? 'none'}`)}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('catalog.fields.updateCycle')}>
        {label('updateCycles', content.updateCycle)}
        {content.updateCycleNote ? `（${content.updateCycleNote}）` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('catalog.fields.keywords')}>
        {content.keywords.length > 0 ? content.keywords.map((k) => <Tag key={k}>{k}</Tag>) : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('catalog.fields.relatedCodes')}>
        {content.relatedCodes.length > 0
          ? content.relatedCodes.map((c) => (
              <Typography.Text code key={c} style={{ marginInlineEnd: 6 }}>
                {c}
              </Typography.Text>
            ))
          : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('catalog.fields.publishDate')}>
        {entry.publishDate ?? '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('catalog.fields.updatedAt')}>
        {formatDateTime(entry.updatedAt, i18n.language)}
      </Descriptions.Item>
      <Descriptions.Item label={t('catalog.fields.classified')}>
        {content.classified ? <Tag color="magenta">{t('catalog.common.classified')}</Tag> : t('common.no')}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** 信息项 with the type's code and name, the key and personal marks, and any stricter share type. */
export function ItemsTable({ content }: { content: EntryContent }) {
  const { t } = useTranslation();
  const { label } = useVocabulary();
  return (
    <Table<InformationItem & { index: number }>
      rowKey="index"
      size="small"
      pagination={false}
      data-testid="entry-items"
      dataSource={content.items.map((item, index) => ({ ...item, index }))}
      locale={{ emptyText: <Empty description={t('catalog.detail.noItems')} /> }}
      columns={[
        { title: '#', dataIndex: 'index', width: 48, render: (i: number) => i + 1 },
        {
          title: t('catalog.fields.itemName'),
          dataIndex: 'name',
          render: (name: string, item) => (
            <Space size={4}>
              <Typography.Text strong={item.isKey}>{name}</Typography.Text>
              {item.base && <Tag color="geekblue">{t('catalog.fields.baseItem')}</Tag>}
            </Space>
          ),
        },
        {
          title: t('catalog.fields.dataType'),
          dataIndex: 'dataType',
          render: (type: string) => <span data-type={type}>{label('dataTypes', type)}</span>,
        },
        {
          title: t('catalog.fields.length'),
          dataIndex: 'length',
          width: 80,
          render: (length?: number) => length ?? '—',
        },
        {
          title: t('catalog.fields.isKey'),
          dataIndex: 'isKey',
          render: (isKey: boolean, item) =>
            isKey ? (
              <Space size={4}>
                {yes}
                {item.keyKind && <span>{label('keyKinds', item.keyKind)}</span>}
              </Space>
            ) : (
              ''
            ),
        },
        {
          title: t('catalog.fields.personal'),
          dataIndex: 'personal',
          width: 90,
          render: (personal: boolean) =>
            personal ? <Tag color="purple">{t('catalog.fields.personal')}</Tag> : '',
        },
        {
          title: t('catalog.fields.itemShareType'),
          dataIndex: 'shareType',
          render: (type: InformationItem['shareType']) =>
            type ? (
              <ShareTypeTag type={type} />
            ) : (
              <Typography.Text type="secondary">{t('catalog.detail.sameAsResource')}</Typography.Text>
            ),
        },
      ]}
    />
  );
}

/** 共享属性: type, conditions, methods and the legal basis with its articles. */
export function ShareInfo({ content }: { content: EntryContent }) {
  const { t } = useTranslation();
  const { label } = useVocabulary();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions bordered size="small" column={1} data-testid="entry-share">
        <Descriptions.Item label={t('catalog.fields.shareType')}>
          <ShareTypeTag type={content.share.type} />
        </Descriptions.Item>
        <Descriptions.Item label={t('catalog.fields.shareConditions')}>
          {content.share.conditions || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('catalog.fields.shareMethods')}>
          {content.share.methods.length > 0
            ? content.share.methods.map((m) => <Tag key={m}>{label('shareMethods', m)}</Tag>)
            : '—'}
        </Descriptions.Item>
      </Descriptions>
      <List
        header={<Typography.Text strong>{t('catalog.fields.legalBasis')}</Typography.Text>}
        bordered
        size="small"
        data-testid="entry-legal-basis"
        dataSource={content.share.legalBasis}
        locale={{ emptyText: t('catalog.detail.noLegalBasis') }}
        renderItem={(basis) => (
          <List.Item>
            <Space wrap>
              <Tag color="blue">{label('legalBasisKinds', basis.kind)}</Tag>
              <Typography.Text strong>{basis.title}</Typography.Text>
              <Typography.Text type="secondary">{basis.article}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Space>
  );
}

/** 开放属性 */
export function OpenInfo({ content }: { content: EntryContent }) {
  const { t } = useTranslation();
  return (
    <Descriptions bordered size="small" column={1} data-testid="entry-open">
      <Descriptions.Item label={t('catalog.fields.openToPublic')}>
        {content.open.toPublic ? <Tag color="blue">{t('common.yes')}</Tag> : t('common.no')}
      </Descriptions.Item>
      <Descriptions.Item label={t('catalog.fields.openConditions')}>
        {content.open.conditions || '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('catalog.fields.openBasis')}>
        {content.open.basis ? t(`catalog.fields.openBases.${content.open.basis}`) : '—'}
      </Descriptions.Item>
    </Descriptions>
  );
}
