import { Grid, type Breakpoint, type TableProps } from 'antd';

/**
 * How lists fit a phone (375 px), one way for every table: the key column, the status and the actions stay;
 * secondary columns (`responsive: SECONDARY`) show from a tablet up, and the table does not scroll sideways
 * there — its cells wrap instead (styles.css, `.ant-table` under 768 px). The record's page shows the rest.
 */
export const SECONDARY: Breakpoint[] = ['md'];

/** `scroll` on wide screens; none on phones, where the remaining columns wrap to the screen's width. */
export function useTableScroll<T>(scroll: TableProps<T>['scroll']): TableProps<T>['scroll'] {
  const narrow = Grid.useBreakpoint().md === false;
  return narrow ? undefined : scroll;
}
