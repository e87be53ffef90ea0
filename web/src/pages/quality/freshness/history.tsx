import { Descriptions, Drawer, Empty, Space, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format.ts';
import { useApi } from '../../../lib/use-api.ts';
import { useVocabulary } from '../../catalog/vocabulary.ts';
import { FRESHNESS_PATH, STATUS_FILL } from './api.ts';
import { StatusTag, useRuleText } from './status.tsx';

/** One resource's status with the history of its transitions (from, to, when, why, last update, due by). */
export function HistoryDrawer({ entryId, onClose }: { entryId: string | null; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const ruleText = useRuleText();
  const { label } = useVocabulary();
  const detail = useApi(entryId ? `${FRESHNESS_PATH}/${entryId}` : null);
  const item = detail.data;
  const when = (iso: string | null) => formatDateTime(iso, i18n.language);
  return (
    <Drawer
      open={entryId !== null}
      onClose={onClose}
      size="large"
      styles={{ wrapper: { maxWidth: '100vw' } }}
      title={
        item ? t('qualityFreshness.historyTitle', { name: item.entry.name }) : t('qualityFreshness.history')
      }
      data-testid="freshness-history"
    >
      {item && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('qualityFreshness.fields.status')}>
              <StatusTag status={item.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('qualityFreshness.fields.cycle')}>
              {label('updateCycles', item.updateCycle)}
            </Descriptions.Item>
            <Descriptions.Item label={t('qualityFreshness.fields.rule')}>
              <Space orientation="vertical" size={0}>
                <span>{ruleText(item.rule)}</span>
                <Typography.Text type="secondary">{item.rule.text}</Typography.Text>
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('qualityFreshness.fields.lastChange')}>
              {when(item.lastChangeAt)}（{t(`qualityFreshness.source.${item.lastChangeSource}`)}）
            </Descriptions.Item>
            <Descriptions.Item label={t('qualityFreshness.fields.dueBy')}>
              {when(item.dueBy)}
            </Descriptions.Item>
          </Descriptions>
          {item.history.length === 0 ? (
            <Empty />
          ) : (
            <Timeline
              items={item.history.map((h) => ({
                color: STATUS_FILL[h.to],
                content: (
                  <Space orientation="vertical" size={0} data-testid="freshness-transition">
                    <Typography.Text strong>
                      {t('qualityFreshness.transition', {
                        from: h.from ? t(`qualityFreshness.status.${h.from}`) : '—',
                        to: t(`qualityFreshness.status.${h.to}`),
                      })}
                      ：{t(`qualityFreshness.reason.${h.reason}`, { defaultValue: h.reason })}
                    </Typography.Text>
                    <Typography.Text type="secondary">
                      {when(h.at)} · {t('qualityFreshness.fields.lastChange')} {when(h.lastChangeAt)} ·{' '}
                      {t('qualityFreshness.fields.dueBy')} {when(h.dueBy)}
                      {h.article ? ` · ${h.article}` : ''}
                    </Typography.Text>
                  </Space>
                ),
              }))}
            />
          )}
        </Space>
      )}
    </Drawer>
  );
}
