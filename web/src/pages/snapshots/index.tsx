import { Route, Routes } from 'react-router-dom';
import { SnapshotListPage } from './list.tsx';
import { SnapshotVoucherPage } from './voucher.tsx';

/** 数据快照 (R107): the list by case number, and each snapshot's printable voucher. */
export function SnapshotsPage() {
  return (
    <Routes>
      <Route index element={<SnapshotListPage />} />
      <Route path=":id" element={<SnapshotVoucherPage />} />
    </Routes>
  );
}
