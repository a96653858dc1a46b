import { BellOutlined } from '@ant-design/icons';
import { App, Badge, Button, Drawer, Empty, Flex, Grid, List, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { noticeText } from './noticeText.js';
import { useMarkAllRead, useNotifications } from './ownership.api.js';

/** The header's bell: the unread count, the latest notices in words, and "mark all read". */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const notices = useNotifications();
  const markAll = useMarkAllRead();
  const unread = notices.data?.unread ?? 0;
  // A phone has no room beside the bell for a popover: the notices open in a drawer from the top instead.
  const narrow = Grid.useBreakpoint().md === false;

  const content = (
    <Flex vertical gap={8} style={{ width: narrow ? '100%' : 340 }} data-testid="notices">
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong>{t('ownership.notifications.title')}</Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={unread === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate(undefined, { onError: (e) => void message.error(errorText(t, e)) })}
          data-testid="mark-all-read"
        >
          {t('ownership.notifications.markAllRead')}
        </Button>
      </Flex>
      {notices.error && <Typography.Text type="danger">{errorText(t, notices.error)}</Typography.Text>}
      <List
        size="small"
        style={{ maxHeight: 360, overflowY: 'auto' }}
        dataSource={notices.data?.items ?? []}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ownership.notifications.empty')} />
          ),
        }}
        renderItem={(n) => (
          <List.Item key={n.id} data-testid="notice" data-unread={n.readAt === null}>
            <Flex vertical gap={2} style={{ minWidth: 0 }}>
              <Typography.Text strong={n.readAt === null} style={{ wordBreak: 'break-word' }}>
                {noticeText(t, n)}
              </Typography.Text>
              <Flex gap={8} wrap>
                <Typography.Text type="secondary">
                  {formatDateTime(n.createdAt, i18n.language)}
                </Typography.Text>
                {n.accountId && (
                  <Link to={`/accounts/${n.accountId}`} onClick={() => setOpen(false)}>
                    {t('ownership.notifications.openAccount')}
                  </Link>
                )}
              </Flex>
            </Flex>
          </List.Item>
        )}
      />
    </Flex>
  );

  const bell = (
    <Button
      type="text"
      aria-label={t('ownership.notifications.bell', { count: unread })}
      data-testid="notification-bell"
      onClick={narrow ? () => setOpen(true) : undefined}
      icon={
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      }
    />
  );
  if (narrow) {
    return (
      <>
        {bell}
        <Drawer
          open={open}
          onClose={() => setOpen(false)}
          placement="top"
          size={420}
          styles={{ body: { padding: 12 } }}
        >
          {content}
        </Drawer>
      </>
    );
  }
  return (
    <Popover trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} content={content}>
      {bell}
    </Popover>
  );
}
