import { GlobalOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown } from 'antd';
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { LANGUAGES, type Language, type Me } from '../api/types.js';
import { MeContext, meKey } from '../app/session.js';
import { errorText } from '../i18n/errorText.js';
import { changeLanguage } from '../i18n/index.js';
import { isLanguage } from '../i18n/language.js';

/**
 * 中文 / English, remembered in this browser and, once signed in, saved with the user for every device.
 * Language names are shown in their own language; `compact` shows only the globe, for phone headers.
 */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useContext(MeContext);
  const client = useQueryClient();
  const current = isLanguage(i18n.language) ? i18n.language : 'en';
  const choose = async (language: Language) => {
    await changeLanguage(language);
    if (!me || me.user.language === language) return;
    try {
      client.setQueryData(meKey, await api.patch<Me>('/api/v1/me', { language }));
    } catch (error) {
      void message.error(errorText(t, error));
    }
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [current],
        items: LANGUAGES.map((language) => ({
          key: language,
          label: t(`language.${language}`),
          lang: language,
        })),
        onClick: ({ key }) => {
          if (isLanguage(key)) void choose(key);
        },
      }}
    >
      <Button
        type="text"
        icon={<GlobalOutlined />}
        aria-label={t('language.label')}
        data-testid="language-switch"
      >
        {compact ? null : t(`language.${current}`)}
      </Button>
    </Dropdown>
  );
}
