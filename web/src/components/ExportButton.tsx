import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../app/session.js';
import { EXPORT_FORMATS, exportHref, type ExportSource } from './exportHref.js';

/**
 * Excel and CSV downloads of what the page lists, with its filters. Shown only to those whose role holds
 * data:export; the server checks that and the list's own permission again, and streams the file, so the
 * browser saves it as it comes instead of holding it in memory.
 */
export function ExportButton(props: { sources: ExportSource[]; disabled?: boolean }) {
  const { t, i18n } = useTranslation();
  const canExport = useCan('data:export');
  if (!canExport) return null;
  const formats = (source: ExportSource) =>
    EXPORT_FORMATS.map((format) => ({
      key: `${source.key}:${format}`,
      label: (
        <a
          href={exportHref(source, format, i18n.language)}
          download
          data-testid={`export-${source.key}-${format}`}
        >
          {t(`exporting.${format}`)}
        </a>
      ),
    }));
  const items: MenuProps['items'] =
    props.sources.length === 1
      ? formats(props.sources[0]!)
      : props.sources.map((source) => ({
          type: 'group' as const,
          key: source.key,
          label: source.label ?? source.key,
          children: formats(source),
        }));
  return (
    <Dropdown menu={{ items }} trigger={['click']} disabled={props.disabled}>
      <Button icon={<DownloadOutlined />} data-testid="export">
        {t('exporting.export')}
      </Button>
    </Dropdown>
  );
}
