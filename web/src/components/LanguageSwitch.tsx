import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../api/types.js';
import { changeLanguage } from '../i18n/index.js';
import { isLanguage } from '../i18n/language.js';

/**
 * 中文 / English, remembered in this browser. Language names are shown in their own language; `compact`
 * shows only the globe, for phone headers.
 */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const current = isLanguage(i18n.language) ? i18n.language : 'en';
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
          if (isLanguage(key)) void changeLanguage(key);
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
