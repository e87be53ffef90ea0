import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Result, Skeleton, Space } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert } from './errors.tsx';
import type { Loaded } from './use-api.ts';

/**
 * A frozen document sealed by a digest (a circular, a compliance report), as a page: 404 for one
 * the reader may not see, a skeleton while it loads, then a bar — back to its list, print — that
 * does not print, a warning when the stored content no longer matches its digest, and the sheet.
 */
export function SealedDocument<T extends { intact: boolean }>(props: {
  loaded: Loaded<T>;
  back: { to: string; label: string };
  print: { label: string; testId: string };
  tampered: string;
  children: (document: T) => ReactNode;
}) {
  const navigate = useNavigate();
  const { loaded } = props;
  const document = loaded.data;
  if (loaded.error?.status === 404)
    return <Result status="404" title="404" subTitle={loaded.error.message} />;
  if (!document)
    return (
      <>
        <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
        <Skeleton active />
      </>
    );
  return (
    <>
      <Space className="gs-no-print" style={{ marginBottom: 16 }} wrap>
        <Button
          type="link"
          icon={<ArrowLeftOutlined />}
          style={{ paddingInline: 0 }}
          onClick={() => navigate(props.back.to)}
        >
          {props.back.label}
        </Button>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          data-testid={props.print.testId}
        >
          {props.print.label}
        </Button>
      </Space>
      {!document.intact && (
        <Alert
          className="gs-no-print"
          type="error"
          showIcon
          title={props.tampered}
          style={{ marginBottom: 16 }}
        />
      )}
      {props.children(document)}
    </>
  );
}
