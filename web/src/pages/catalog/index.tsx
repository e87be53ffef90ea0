import './catalog.css';
import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../not-found.tsx';
import { DetailPage } from './detail/detail-page.tsx';
import { EditorPage } from './editor/editor-page.tsx';
import { SearchPage } from './search/search-page.tsx';

/** 资源目录: search at `/catalog`, a resource at `/catalog/entries/:id`, the editor beside it. */
export function CatalogPage() {
  return (
    <Routes>
      <Route index element={<SearchPage />} />
      <Route path="new" element={<EditorPage />} />
      <Route path="entries/:id" element={<DetailPage />} />
      <Route path="entries/:id/edit" element={<EditorPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
