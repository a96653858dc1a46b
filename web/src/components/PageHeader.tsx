import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** A list page's title, with its actions (`children`, if any) at the other end. */
export function PageHeader(props: { title: string; children?: ReactNode }) {
  return (
    <Flex justify="space-between" align="center" wrap gap={8}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {props.title}
      </Typography.Title>
      {props.children}
    </Flex>
  );
}
