import type { ButtonProps } from 'antd';

/** A `data-testid` for buttons antd renders for us (modal OK buttons), which type no data attributes. */
export function buttonTestId(id: string): ButtonProps {
  return { 'data-testid': id } as ButtonProps;
}
