import {
  DownloadOutlined,
  ExportOutlined,
  ImportOutlined,
  PlusOutlined,
  SearchOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  Input,
  message,
  Popconfirm,
  Select,
  Space,
  Typography,
} from 'antd';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext.ts';
import { ExportModal } from './ExportModal.tsx';
import { useChoices } from './form-support.ts';
import { HouseholdFormModal } from './HouseholdFormModal.tsx';
import { ImportModal } from './ImportModal.tsx';
import { useRegister } from './RegisterContext.ts';
import {
  isFiltering,
  listRows,
  NO_FILTERS,
  NO_GROUP,
  type RegisterFilters,
} from './register-data.ts';
import { ResidentTable } from './ResidentTable.tsx';
import { useDemoVillage } from './useDemoVillage.ts';
import { useRegisterExport } from './useRegisterExport.ts';
import { useRegisterImport } from './useRegisterImport.ts';
import { SEARCH_LIMIT, useResidentSearch } from './useResidentSearch.ts';

/** The table's height: what the window leaves below the toolbar. */
function useTableHeight(offset: number): number {
  const [height, setHeight] = useState(() => window.innerHeight);
  useEffect(() => {
    const resize = () => {
      setHeight(window.innerHeight);
    };
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
    };
  }, []);
  return Math.max(300, height - offset);
}

/** 村民档案: search, filters and the virtual list of the village's residents. */
export function RegisterList() {
  const { t, describeError } = useI18n();
  const { scope, register } = useRegister();
  const choices = useChoices();
  const [notice, noticeHolder] = message.useMessage();
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<RegisterFilters>(NO_FILTERS);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const search = useResidentSearch(register, text);
  const files = useRegisterExport();
  const importer = useRegisterImport();
  const demo = useDemoVillage();
  const height = useTableHeight(330);

  const found = search.active ? search.found : null;
  const rows = useMemo(() => listRows(register, found, filters), [register, found, filters]);
  // Filtering 10,000 rows happens in a render React may interrupt for the next keystroke.
  const shownRows = useDeferredValue(rows);
  const total = register.residents.length;

  const groupOptions = [
    { value: '', label: t('register.filter.groupAll') },
    ...register.groups.map((group) => ({ value: group.id, label: group.name })),
    { value: NO_GROUP, label: t('register.filter.groupNone') },
  ];
  const tagOptions = [
    { value: '', label: t('register.filter.tagAll') },
    ...register.tags.map((tag) => ({ value: tag, label: tag })),
  ];
  const statusOptions = [{ value: '', label: t('register.filter.statusAll') }, ...choices.statuses];

  const countText = search.active
    ? `${t('register.count.found', { count: rows.length })}${
        search.found.length >= SEARCH_LIMIT
          ? ` ${t('register.count.limited', { limit: SEARCH_LIMIT })}`
          : ''
      }`
    : isFiltering(filters)
      ? t('register.count.filtered', { count: rows.length, total })
      : t('register.count.all', { count: total });

  const downloadTemplate = async () => {
    const saved = await files.downloadTemplate();
    if (!saved.ok)
      void notice.error(t('register.file.saveFailed', { message: describeError(saved.error) }));
    else if (saved.value.saved)
      void notice.success(t('register.template.saved', { path: saved.value.path }));
  };

  return (
    <Flex vertical gap={12}>
      {noticeHolder}
      {register.hasDemo && (
        <Alert
          type="warning"
          showIcon
          title={t('register.demo.present')}
          action={
            <Popconfirm
              title={t('register.demo.removeConfirm')}
              okText={t('register.demo.remove')}
              cancelText={t('register.form.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => {
                void (async () => {
                  const outcome = await demo.remove();
                  if (outcome.ok)
                    void notice.success(t('register.demo.removed', { ...outcome.counts }));
                  else void notice.error(describeError(outcome.error));
                })();
              }}
            >
              <Button size="small" danger loading={demo.busy}>
                {t('register.demo.remove')}
              </Button>
            </Popconfirm>
          }
        />
      )}
      <Flex wrap gap={8} align="center">
        <Input
          aria-label={t('register.search.label')}
          placeholder={t('register.search.placeholder')}
          prefix={<SearchOutlined />}
          allowClear
          value={text}
          onChange={(event) => {
            setText(event.target.value);
          }}
          style={{ flex: '1 1 360px', maxWidth: 520 }}
        />
        <Select
          aria-label={t('register.filter.group')}
          style={{ width: 160 }}
          value={filters.groupId}
          options={groupOptions}
          onChange={(groupId: string) => {
            setFilters({ ...filters, groupId });
          }}
        />
        <Select
          aria-label={t('register.filter.tag')}
          style={{ width: 150 }}
          value={filters.tag}
          options={tagOptions}
          showSearch
          onChange={(tag: string) => {
            setFilters({ ...filters, tag });
          }}
        />
        <Select
          aria-label={t('register.filter.status')}
          style={{ width: 120 }}
          value={filters.status}
          options={statusOptions}
          onChange={(status: RegisterFilters['status']) => {
            setFilters({ ...filters, status });
          }}
        />
        <Space wrap style={{ marginLeft: 'auto' }}>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={scope.idProtector === null}
            onClick={() => {
              setCreating(true);
            }}
          >
            {t('register.actions.newHousehold')}
          </Button>
          <Button
            icon={<ImportOutlined />}
            disabled={scope.idProtector === null}
            onClick={() => void importer.choose()}
          >
            {t('register.actions.import')}
          </Button>
          <Button
            icon={<ExportOutlined />}
            disabled={rows.length === 0}
            onClick={() => {
              setExporting(true);
            }}
          >
            {t('register.actions.export')}
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => void downloadTemplate()}>
            {t('register.actions.template')}
          </Button>
        </Space>
      </Flex>
      <Typography.Text type="secondary" data-testid="register-count">
        {countText}
      </Typography.Text>

      {total === 0 ? (
        <Card>
          <Empty description={t('register.empty.title')}>
            <Typography.Paragraph type="secondary">{t('register.empty.body')}</Typography.Paragraph>
            {demo.demo && (
              <Alert
                type="info"
                showIcon
                style={{ textAlign: 'left', maxWidth: 640, margin: '0 auto' }}
                title={t('register.demo.offerTitle')}
                description={
                  <Space orientation="vertical">
                    <span>{t('register.demo.offerBody')}</span>
                    <Button
                      type="primary"
                      loading={demo.busy}
                      onClick={() => {
                        void (async () => {
                          const outcome = await demo.load();
                          if (outcome.ok)
                            void notice.success(t('register.demo.loaded', { ...outcome.counts }));
                          else
                            void notice.error(
                              t('register.demo.failed', { message: describeError(outcome.error) }),
                            );
                        })();
                      }}
                    >
                      {demo.busy ? t('register.demo.loading') : t('register.demo.load')}
                    </Button>
                  </Space>
                }
              />
            )}
          </Empty>
        </Card>
      ) : (
        <ResidentTable rows={shownRows} height={height} />
      )}

      {creating && (
        <HouseholdFormModal
          open
          onClose={() => {
            setCreating(false);
          }}
          onSaved={() => {
            setCreating(false);
            void notice.success(t('register.form.saved'));
          }}
        />
      )}
      {importer.state.step !== 'idle' && <ImportModal importer={importer} />}
      {exporting && (
        <ExportModal
          rows={rows}
          full={files.full}
          progress={files.progress}
          onExport={files.exportRows}
          onClose={() => {
            setExporting(false);
          }}
          onDone={(text) => {
            setExporting(false);
            void notice.success(text);
          }}
        />
      )}
    </Flex>
  );
}
