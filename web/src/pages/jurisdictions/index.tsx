import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Row,
  Skeleton,
  Space,
  Tag,
  Tree,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Jurisdiction } from '../../api/types.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { useApi } from '../../lib/use-api.ts';
import { useSession } from '../../session/index.tsx';
import { CreateJurisdictionModal, RenameJurisdictionModal } from './jurisdiction-form.tsx';
import { buildTree, CHILD_LEVEL, type JurisdictionNode, LEVEL_COLORS } from './tree.ts';

export function JurisdictionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const canManage = can('jurisdiction.manage');
  const list = useApi('/jurisdictions');
  const items = list.data?.items ?? [];
  const tree = useMemo(() => buildTree(items), [items]);
  const [selectedId, setSelectedId] = useState<string>();
  const [creating, setCreating] = useState<{ parent: Jurisdiction | undefined } | undefined>();
  const [renaming, setRenaming] = useState<Jurisdiction>();
  const selected = items.find((j) => j.id === selectedId);
  const childLevel = selected ? CHILD_LEVEL[selected.level] : 'province';

  const toTreeData = (nodes: JurisdictionNode[]): object[] =>
    nodes.map((node) => ({
      key: node.key,
      title: (
        <span data-testid={`jurisdiction-node-${node.jurisdiction.code}`}>
          {node.jurisdiction.name}
          <Typography.Text type="secondary" style={{ marginInline: 6, fontSize: 12 }}>
            {node.jurisdiction.code}
          </Typography.Text>
          <Tag color={LEVEL_COLORS[node.jurisdiction.level]} bordered={false}>
            {t(`jurisdictions.levels.${node.jurisdiction.level}`)}
          </Tag>
        </span>
      ),
      children: toTreeData(node.children),
    }));

  return (
    <>
      <PageHeader
        title={t('jurisdictions.title')}
        subtitle={t('jurisdictions.subtitle')}
        extra={
          canManage && (
            <Button
              icon={<PlusOutlined />}
              onClick={() => setCreating({ parent: undefined })}
              data-testid="jurisdiction-create-root"
            >
              {t('jurisdictions.createRoot')}
            </Button>
          )
        }
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card variant="borderless" data-testid="jurisdiction-tree">
            {list.loading && !list.data ? (
              <Skeleton active />
            ) : tree.length === 0 ? (
              <Empty description={t('jurisdictions.empty')} />
            ) : (
              <Tree
                showLine
                blockNode
                defaultExpandAll
                key={items.length}
                treeData={toTreeData(tree)}
                selectedKeys={selectedId ? [selectedId] : []}
                onSelect={(keys) => setSelectedId(keys[0] === undefined ? undefined : String(keys[0]))}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            variant="borderless"
            title={selected?.name ?? t('common.detail')}
            data-testid="jurisdiction-detail"
          >
            {!selected ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('jurisdictions.selectHint')} />
            ) : (
              <>
                <Descriptions
                  column={1}
                  size="small"
                  items={[
                    { key: 'code', label: t('jurisdictions.code'), children: selected.code },
                    {
                      key: 'level',
                      label: t('jurisdictions.level'),
                      children: (
                        <Tag color={LEVEL_COLORS[selected.level]}>
                          {t(`jurisdictions.levels.${selected.level}`)}
                        </Tag>
                      ),
                    },
                    {
                      key: 'parent',
                      label: t('jurisdictions.parent'),
                      children: items.find((j) => j.id === selected.parentId)?.name ?? '—',
                    },
                    { key: 'path', label: t('jurisdictions.path'), children: <code>{selected.path}</code> },
                  ]}
                />
                {canManage && (
                  <Space style={{ marginTop: 16 }}>
                    <Button
                      type="primary"
                      icon={<PlusOutlined />}
                      disabled={!childLevel}
                      title={childLevel ? undefined : t('jurisdictions.noChild')}
                      onClick={() => setCreating({ parent: selected })}
                      data-testid="jurisdiction-create-child"
                    >
                      {t('jurisdictions.createChild')}
                    </Button>
                    <Button icon={<EditOutlined />} onClick={() => setRenaming(selected)}>
                      {t('jurisdictions.rename')}
                    </Button>
                  </Space>
                )}
              </>
            )}
          </Card>
        </Col>
      </Row>
      {creating && (
        <CreateJurisdictionModal
          open
          parent={creating.parent}
          level={(creating.parent ? CHILD_LEVEL[creating.parent.level] : 'province') ?? 'county'}
          onClose={() => setCreating(undefined)}
          onCreated={(created) => {
            setCreating(undefined);
            void message.success(t('jurisdictions.created'));
            setSelectedId(created.id);
            list.reload();
          }}
        />
      )}
      <RenameJurisdictionModal
        jurisdiction={renaming}
        onClose={() => setRenaming(undefined)}
        onSaved={() => {
          setRenaming(undefined);
          void message.success(t('common.saved'));
          list.reload();
        }}
      />
    </>
  );
}
