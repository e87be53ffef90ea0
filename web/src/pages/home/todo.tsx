import {
  AlertOutlined,
  AuditOutlined,
  ClockCircleOutlined,
  CloudServerOutlined,
  FileDoneOutlined,
  ScheduleOutlined,
} from '@ant-design/icons';
import { Badge, Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isEnglish } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { TODO_KINDS, type TodoKind, type TodoList } from './types.ts';

const ICONS: Record<TodoKind, ReactNode> = {
  approvals: <FileDoneOutlined />,
  deadlines: <ClockCircleOutlined />,
  verifications: <AuditOutlined />,
  violations: <AlertOutlined />,
  nodes: <CloudServerOutlined />,
  jobs: <ScheduleOutlined />,
};

/** The reader's to-do: one card per kind their role has, with the count, the first items and a link to all. */
export function TodoCards({ todo }: { todo: Record<TodoKind, TodoList | null> }) {
  const { t } = useTranslation();
  const kinds = TODO_KINDS.filter((kind) => todo[kind] !== null);
  if (kinds.length === 0)
    return (
      <Card variant="borderless" data-testid="home-todo">
        <Empty description={t('home.todoNone')} />
      </Card>
    );
  return (
    <Row gutter={[16, 16]} data-testid="home-todo">
      {kinds.map((kind) => (
        <Col xs={24} md={12} xl={8} key={kind}>
          <TodoCard kind={kind} list={todo[kind] as TodoList} />
        </Col>
      ))}
    </Row>
  );
}

function TodoCard({ kind, list }: { kind: TodoKind; list: TodoList }) {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  return (
    <Card
      variant="borderless"
      data-testid={`home-todo-${kind}`}
      style={{ height: '100%' }}
      title={
        <Space>
          <span style={{ color: list.count > 0 ? '#c2410c' : '#1d4ed8' }}>{ICONS[kind]}</span>
          <span style={{ whiteSpace: 'normal' }}>{t(`home.todo.${kind}`)}</span>
        </Space>
      }
      extra={
        <Badge
          count={list.count}
          showZero
          overflowCount={999}
          color={list.count > 0 ? '#c2410c' : '#64748b'}
          data-testid={`home-todo-${kind}-count`}
        />
      }
    >
      {list.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.todoEmpty')} />
      ) : (
        <List
          size="small"
          dataSource={list.items}
          renderItem={(item) => (
            <List.Item key={item.id} data-testid="home-todo-item" data-id={item.id}>
              <Space orientation="vertical" size={0} style={{ minWidth: 0, width: '100%' }}>
                <Link to={item.link} style={{ wordBreak: 'break-all' }}>
                  {en && item.titleEn ? item.titleEn : item.title}
                </Link>
                <Space size={4} wrap>
                  {item.dueDate && (
                    <Typography.Text type="secondary">
                      {t('home.due', { date: item.dueDate })}
                    </Typography.Text>
                  )}
                  {item.overdue && <Tag color="error">{t('home.overdue')}</Tag>}
                  {item.since && (
                    <Typography.Text type="secondary">
                      {t('home.since', { at: formatDateTime(item.since, i18n.language) })}
                    </Typography.Text>
                  )}
                </Space>
              </Space>
            </List.Item>
          )}
        />
      )}
      {list.count > 0 && (
        <div style={{ textAlign: 'right', marginTop: 8 }}>
          <Link to={list.link}>{t('home.viewAll')}</Link>
        </div>
      )}
    </Card>
  );
}
