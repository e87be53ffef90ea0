import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../not-found.tsx';
import { CorrectionDetail } from './corrections/detail.tsx';
import { CorrectionList } from './corrections/list.tsx';
import { CorrectionReplyPage } from './corrections/reply.tsx';

/**
 * 校核纠错 (R80–R84): the list at `/quality/corrections`, a request at `:id`, its printable
 * written reply at `:id/reply`.
 */
export function QualityCorrectionsPage() {
  return (
    <Routes>
      <Route index element={<CorrectionList />} />
      <Route path=":id" element={<CorrectionDetail />} />
      <Route path=":id/reply" element={<CorrectionReplyPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
