import 'i18next';
import type { Messages } from './zh-CN.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: Messages };
  }
}
