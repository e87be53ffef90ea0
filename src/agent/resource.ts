import type { PlatformClient } from './platform-client.js';
import { PlatformError } from './platform-client.js';
import { MappingError } from './status.js';
import type { DataType, ItemSpec } from './values.js';

interface ColumnView {
  item: string;
  dataType: DataType;
  isKey: boolean;
  length?: number | null;
  active?: boolean;
}

/** The items of a hosted resource as the platform holds them now (active ones only). */
export async function hostedItems(
  client: PlatformClient,
  entryId: string,
  at: string,
  stop?: AbortSignal,
): Promise<ItemSpec[]> {
  try {
    const view = await client.request<{ columns?: ColumnView[] }>(
      'GET',
      `/api/v1/exchange/resources/${encodeURIComponent(entryId)}`,
      { stop },
    );
    return (view.columns ?? [])
      .filter((c) => c.active !== false)
      .map((c) => ({ item: c.item, dataType: c.dataType, isKey: c.isKey, length: c.length ?? undefined }));
  } catch (error) {
    if (error instanceof PlatformError && (error.status === 404 || error.status === 403))
      throw new MappingError([
        `${at}: 平台上没有可由本节点写入的托管资源 ${entryId}（${error.code}）/ no hosted resource ${entryId} this node may write (${error.code})`,
      ]);
    throw error;
  }
}

interface EntryItem {
  name: string;
  dataType: DataType;
  isKey: boolean;
  length?: number;
  personal?: boolean;
}
interface EntryView {
  content?: { items?: EntryItem[] };
  publishedContent?: { items?: EntryItem[] };
}

/** The items of a published catalog entry (what a subscriber can learn of a resource it reads). */
export async function catalogItems(
  client: PlatformClient,
  entryId: string,
  at: string,
  stop?: AbortSignal,
): Promise<Array<ItemSpec & { personal: boolean }>> {
  try {
    const entry = await client.request<EntryView>(
      'GET',
      `/api/v1/catalog/entries/${encodeURIComponent(entryId)}`,
      {
        stop,
      },
    );
    const items = entry.publishedContent?.items ?? entry.content?.items ?? [];
    return items.map((i) => ({
      item: i.name,
      dataType: i.dataType,
      isKey: i.isKey,
      length: i.length,
      personal: i.personal ?? false,
    }));
  } catch (error) {
    if (error instanceof PlatformError && (error.status === 404 || error.status === 403))
      throw new MappingError([
        `${at}: 平台目录中没有条目 ${entryId}（${error.code}）/ no catalog entry ${entryId} (${error.code})`,
      ]);
    throw error;
  }
}
