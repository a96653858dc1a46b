import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../api/types.js';
import { useProducts } from './activities.api.js';

/** The catalogue's active products, searchable by code or name, with their list price. */
export function ProductSelect(
  props: SelectProps<string> & { onProduct?: (product: Product | undefined) => void },
) {
  const { t } = useTranslation();
  const { onProduct, ...rest } = props;
  const products = useProducts({ active: true, limit: 200, offset: 0 });
  const items = products.data?.items ?? [];
  return (
    <Select<string>
      showSearch
      optionFilterProp="label"
      loading={products.isPending}
      placeholder={t('quotes.product')}
      options={items.map((p) => ({
        value: p.id,
        label: `${p.code} ${p.name} · ${p.listPrice} ${p.currency}`,
      }))}
      {...rest}
      onChange={(value, option) => {
        rest.onChange?.(value, option);
        onProduct?.(items.find((p) => p.id === value));
      }}
    />
  );
}
