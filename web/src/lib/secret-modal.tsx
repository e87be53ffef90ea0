import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface ShownSecret {
  title: string;
  warning: string;
  /** label → value; each value gets a copy button. */
  values: { label: string; value: string; testId: string }[];
  acknowledge?: string;
}

/** Shows a secret exactly once (one-time password, client secret) with copy buttons and a warning. */
export function SecretModal({ secret, onClose }: { secret: ShownSecret | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={!!secret}
      title={secret?.title}
      onCancel={onClose}
      maskClosable={false}
      // Closing removes the secret from the page, not just from sight.
      destroyOnHidden
      keyboard={false}
      width={560}
      footer={
        <Button type="primary" onClick={onClose} data-testid="secret-close">
          {secret?.acknowledge ?? t('common.close')}
        </Button>
      }
    >
      {secret && (
        <div data-testid="secret-modal">
          <Alert
            type="warning"
            showIcon
            title={secret.warning}
            style={{ marginBottom: 16 }}
            data-testid="secret-warning"
          />
          <Descriptions
            column={1}
            bordered
            size="small"
            items={secret.values.map((v) => ({
              key: v.testId,
              label: v.label,
              children: (
                <Typography.Text
                  className="gs-secret"
                  strong
                  data-testid={v.testId}
                  copyable={{
                    text: v.value,
                    tooltips: [t('common.copy'), t('common.copied')],
                  }}
                >
                  {v.value}
                </Typography.Text>
              ),
            }))}
          />
        </div>
      )}
    </Modal>
  );
}
