import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Select, Space, Table, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VocabularyState } from '../vocabulary.ts';
import type { EditorValues } from './content.ts';
import { IssueItem, useIssuesAt } from './issues.tsx';

// Types whose values have no length in the guide (dates, logicals, memos, general, integers).
const NO_LENGTH = new Set(['D', 'T', 'L', 'M', 'G', 'I']);

/** 信息项: one editable row per item, in order; rows can be added, removed and moved. */
export function ItemsEditor({ vocabulary }: { vocabulary: VocabularyState }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<EditorValues>();
  const items = (Form.useWatch('items', form) ?? []) as NonNullable<EditorValues['items']>;
  const catalog = Form.useWatch(['classification', 'catalog'], form) as string | undefined;
  const listIssues = useIssuesAt('items');
  const dataTypes = vocabulary.options('dataTypes');

  return (
    <Form.List name="items">
      {(fields, { add, remove, move }) => (
        <>
          {listIssues.length > 0 && (
            <Alert type="error" showIcon title={listIssues.join('；')} style={{ marginBottom: 8 }} />
          )}
          <Table
            className="gs-items-editor"
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={fields}
            data-testid="editor-items"
            scroll={{ x: 830 }}
            columns={[
              { title: '#', key: 'index', width: 36, render: (_, __, index) => index + 1 },
              {
                title: t('catalog.fields.itemName'),
                key: 'name',
                width: 170,
                render: (_, field, index) => (
                  <IssueItem path={`items[${index}].name`} name={[field.name, 'name']}>
                    <Input maxLength={100} data-testid={`item-name-${index}`} />
                  </IssueItem>
                ),
              },
              {
                title: t('catalog.fields.dataType'),
                key: 'dataType',
                width: 120,
                render: (_, field, index) => (
                  <IssueItem path={`items[${index}].dataType`} name={[field.name, 'dataType']}>
                    <Select
                      options={dataTypes}
                      data-testid={`item-type-${index}`}
                      popupMatchSelectWidth={false}
                      onChange={(type: string) => {
                        if (NO_LENGTH.has(type))
                          form.setFieldValue(['items', field.name, 'length'], undefined);
                      }}
                    />
                  </IssueItem>
                ),
              },
              {
                title: t('catalog.fields.length'),
                key: 'length',
                width: 72,
                render: (_, field, index) => (
                  <IssueItem path={`items[${index}].length`} name={[field.name, 'length']}>
                    <InputNumber
                      min={1}
                      max={100000}
                      style={{ width: '100%' }}
                      disabled={NO_LENGTH.has(items[index]?.dataType ?? '')}
                      data-testid={`item-length-${index}`}
                    />
                  </IssueItem>
                ),
              },
              {
                title: t('catalog.fields.isKey'),
                key: 'isKey',
                width: 150,
                render: (_, field, index) => (
                  <Space size={4} align="start">
                    <IssueItem
                      path={`items[${index}].isKey`}
                      name={[field.name, 'isKey']}
                      valuePropName="checked"
                    >
                      <Checkbox data-testid={`item-key-${index}`} />
                    </IssueItem>
                    {items[index]?.isKey && (
                      <IssueItem path={`items[${index}].keyKind`} name={[field.name, 'keyKind']}>
                        <Select
                          style={{ width: 110 }}
                          options={vocabulary.options('keyKinds')}
                          popupMatchSelectWidth={false}
                          placeholder={t('catalog.fields.keyKind')}
                          data-testid={`item-key-kind-${index}`}
                        />
                      </IssueItem>
                    )}
                  </Space>
                ),
              },
              {
                title: t('catalog.fields.personal'),
                key: 'personal',
                width: 72,
                render: (_, field, index) => (
                  <IssueItem
                    path={`items[${index}].personal`}
                    name={[field.name, 'personal']}
                    valuePropName="checked"
                  >
                    <Checkbox data-testid={`item-personal-${index}`} />
                  </IssueItem>
                ),
              },
              ...(catalog === 'base'
                ? [
                    {
                      title: (
                        <Tooltip title={t('catalog.editor.baseItemHint')}>
                          {t('catalog.fields.baseItem')}
                        </Tooltip>
                      ),
                      key: 'base',
                      width: 80,
                      render: (_: unknown, field: { name: number }, index: number) => (
                        <IssueItem
                          path={`items[${index}].base`}
                          name={[field.name, 'base']}
                          valuePropName="checked"
                        >
                          <Checkbox data-testid={`item-base-${index}`} />
                        </IssueItem>
                      ),
                    },
                  ]
                : []),
              {
                title: t('catalog.fields.itemShareType'),
                key: 'shareType',
                width: 120,
                render: (_, field, index) => (
                  <IssueItem path={`items[${index}].shareType`} name={[field.name, 'shareType']}>
                    <Select
                      allowClear
                      placeholder={t('catalog.detail.sameAsResource')}
                      options={vocabulary.options('shareTypes')}
                      popupMatchSelectWidth={false}
                      data-testid={`item-share-type-${index}`}
                    />
                  </IssueItem>
                ),
              },
              {
                title: t('common.actions'),
                key: 'ops',
                width: 96,
                render: (_, field, index) => (
                  <Space size={0}>
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowUpOutlined />}
                      disabled={index === 0}
                      onClick={() => move(index, index - 1)}
                      aria-label={t('catalog.editor.moveUp')}
                    />
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowDownOutlined />}
                      disabled={index === fields.length - 1}
                      onClick={() => move(index, index + 1)}
                      aria-label={t('catalog.editor.moveDown')}
                    />
                    <Button
                      type="text"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('catalog.editor.removeItem')}
                      data-testid={`item-remove-${index}`}
                    />
                  </Space>
                ),
              },
            ]}
          />
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            style={{ marginTop: 8 }}
            onClick={() => add({ dataType: 'C', isKey: false, personal: false })}
            data-testid="item-add"
          >
            {t('catalog.editor.addItem')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
