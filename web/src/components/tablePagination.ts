import type { TablePaginationConfig } from 'antd';
import type { TFunction } from 'i18next';

/** The part of a server list that is shown. */
export interface Paging {
  limit: number;
  offset: number;
}

/** A Table's pagination over a server list of `total` items read by limit and offset. */
export function tablePagination(
  t: TFunction,
  paging: Paging,
  total: number,
  onChange: (paging: Paging) => void,
): TablePaginationConfig {
  return {
    current: Math.floor(paging.offset / paging.limit) + 1,
    pageSize: paging.limit,
    total,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (count) => t('common.total', { count }),
    onChange: (current, pageSize) => onChange({ limit: pageSize, offset: (current - 1) * pageSize }),
  };
}
