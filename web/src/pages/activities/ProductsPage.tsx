import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product, ProductLine } from '../../api/types.js';
import { FormModal } from '../../components/FormModal.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SECONDARY } from '../../components/responsiveTable.js';
import { tablePagination } from '../../components/tablePagination.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { errorText } from '../../i18n/errorText.js';
import { useProductLines, useProductMutations, useProducts } from './activities.api.js';
import { AMOUNT_PATTERN, CURRENCIES, formatAmount } from './money.js';

/** The catalogue as sales ops keep it: product lines, and products with list prices; retire rather than delete. */
export function ProductsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const lines = useProductLines();
  const [paging, setPaging] = useState({ limit: 50, offset: 0 });
  const products = useProducts(paging);
  const { update } = useProductMutations();
  const [dialog, setDialog] = useState<'line' | 'product' | null>(null);
  const lineName = (l: { nameZh: string; nameEn: string }) =>
    i18n.language === 'zh-CN' ? l.nameZh : l.nameEn;

  const lineColumns: TableColumnsType<ProductLine> = [
    { title: t('products.code'), dataIndex: 'code' },
    { title: t('products.name'), key: 'name', render: (_: unknown, l) => lineName(l) },
    {
      title: t('products.title'),
      key: 'count',
      render: (_: unknown, l) => t('products.count', { count: l.products }),
    },
  ];
  const productColumns: TableColumnsType<Product> = [
    {
      title: t('products.name'),
      key: 'name',
      render: (_: unknown, p) => (
        <Flex vertical gap={0} style={{ wordBreak: 'break-word' }}>
          <span>{p.name}</span>
          <span style={{ color: '#888' }}>{p.code}</span>
        </Flex>
      ),
    },
    {
      title: t('products.line'),
      key: 'line',
      responsive: SECONDARY,
      render: (_: unknown, p) => lineName(p.productLine),
    },
    {
      title: t('products.listPrice'),
      key: 'price',
      render: (_: unknown, p) => formatAmount(p.listPrice, p.currency, i18n.language),
    },
    {
      title: t('products.active'),
      key: 'active',
      render: (_: unknown, p) => (
        <Switch
          size="small"
          checked={p.active}
          aria-label={p.active ? t('products.retire') : t('products.reactivate')}
          onChange={(active) =>
            update.mutate(
              { id: p.id, body: { active } },
              { onError: (e) => void message.error(errorText(t, e)) },
            )
          }
        />
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('products.title')}>
        <Flex gap={8} wrap>
          <Button icon={<PlusOutlined />} onClick={() => setDialog('line')}>
            {t('products.newLine')}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog('product')}
            disabled={!lines.data?.items.length}
          >
            {t('products.newProduct')}
          </Button>
        </Flex>
      </PageHeader>
      <Card size="small" title={t('products.lines')}>
        <Table<ProductLine>
          rowKey="id"
          size="small"
          columns={lineColumns}
          dataSource={lines.data?.items ?? []}
          loading={lines.isPending}
          pagination={false}
        />
      </Card>
      <Table<Product>
        rowKey="id"
        size="small"
        columns={productColumns}
        dataSource={products.data?.items ?? []}
        loading={products.isPending}
        pagination={tablePagination(t, paging, products.data?.total ?? 0, setPaging)}
      />
      <ProductLineModal open={dialog === 'line'} onClose={() => setDialog(null)} />
      <ProductModal
        open={dialog === 'product'}
        lines={lines.data?.items ?? []}
        onClose={() => setDialog(null)}
      />
    </Space>
  );
}

function ProductLineModal(props: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string; nameZh: string; nameEn: string }>();
  const errors = useFormErrors(form, ['code', 'nameZh', 'nameEn']);
  const { createLine } = useProductMutations();
  return (
    <FormModal
      open={props.open}
      title={t('products.newLine')}
      okText={t('common.create')}
      saving={createLine.isPending}
      form={form}
      errors={errors}
      name="product-line"
      onSubmit={async (values) => {
        await createLine.mutateAsync(values);
        form.resetFields();
        props.onClose();
      }}
      onClose={props.onClose}
    >
      <CodeField />
      <Form.Item name="nameZh" label={t('products.nameZh')} rules={[{ required: true, whitespace: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="nameEn" label={t('products.nameEn')} rules={[{ required: true, whitespace: true }]}>
        <Input />
      </Form.Item>
    </FormModal>
  );
}

interface ProductValues {
  code: string;
  name: string;
  productLineId: string;
  listPrice: string;
  currency: string;
}

function ProductModal(props: { open: boolean; lines: ProductLine[]; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<ProductValues>();
  const errors = useFormErrors(form, ['code', 'name', 'productLineId', 'listPrice', 'currency']);
  const { create } = useProductMutations();
  return (
    <FormModal<ProductValues>
      open={props.open}
      title={t('products.newProduct')}
      okText={t('common.create')}
      saving={create.isPending}
      form={form}
      errors={errors}
      name="product"
      onSubmit={async (values) => {
        await create.mutateAsync({ ...values, listPrice: values.listPrice.trim() });
        form.resetFields();
        props.onClose();
      }}
      onClose={props.onClose}
    >
      <CodeField />
      <Form.Item name="name" label={t('products.name')} rules={[{ required: true, whitespace: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="productLineId" label={t('products.line')} rules={[{ required: true }]}>
        <Select
          options={props.lines.map((l) => ({
            value: l.id,
            label: `${l.code} ${i18n.language === 'zh-CN' ? l.nameZh : l.nameEn}`,
          }))}
        />
      </Form.Item>
      <Flex gap={8}>
        <Form.Item
          name="listPrice"
          label={t('products.listPrice')}
          style={{ flex: 1 }}
          rules={[{ required: true }, { pattern: AMOUNT_PATTERN, message: t('problems.invalid_amount') }]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="currency" label={t('products.currency')} initialValue="CNY">
          <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} style={{ width: 96 }} />
        </Form.Item>
      </Flex>
    </FormModal>
  );
}

/** A catalogue code, as the server takes it: letters, digits, _ . - (unique without regard to case). */
function CodeField() {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="code"
      label={t('products.code')}
      rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/ }]}
    >
      <Input />
    </Form.Item>
  );
}
