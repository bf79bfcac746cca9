import { Alert, Button, Flex, Modal, Progress, Result, Space, Spin, Table, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import type { ImportProblem } from '../../../../shared/residents/import/problems.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import type { ImportProgress } from './register-import.ts';
import type { useRegisterImport } from './useRegisterImport.ts';

interface ImportModalProps {
  readonly importer: ReturnType<typeof useRegisterImport>;
}

interface ReportRow {
  readonly key: number;
  readonly row: number;
  readonly column: string;
  readonly value: string;
  readonly problem: string;
}

function ProgressLine({ progress }: { readonly progress: ImportProgress | null }) {
  const { t } = useI18n();
  if (progress === null) return <Spin />;
  const percent = progress.total === 0 ? 100 : Math.floor((progress.done / progress.total) * 100);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text>
        {t(`register.import.phase.${progress.phase}`, {
          done: progress.done,
          total: progress.total,
        })}
      </Typography.Text>
      <Progress percent={percent} status="active" />
    </Space>
  );
}

/**
 * 导入村民花名册: progress while the file is checked, then the report of every problem (and
 * nothing imported) or the confirmation, then progress while it is written.
 */
export function ImportModal({ importer }: ImportModalProps) {
  const { t, describeError } = useI18n();
  const { state } = importer;
  const [saveNote, setSaveNote] = useState<{ ok: boolean; text: string } | null>(null);

  const report = useMemo<ReportRow[]>(
    () =>
      state.step === 'problems'
        ? state.check.problems.map((problem: ImportProblem, index) => ({
            key: index,
            row: problem.row,
            column: problem.column === '' ? t('register.import.report.wholeFile') : problem.column,
            value: problem.value,
            problem: describeError(problem),
          }))
        : [],
    [state, t, describeError],
  );

  const busy = state.step === 'reading' || state.step === 'checking' || state.step === 'writing';
  const chooseAgain = (
    <Button
      key="again"
      disabled={busy}
      onClick={() => {
        setSaveNote(null);
        void importer.choose();
      }}
    >
      {t('register.import.chooseAgain')}
    </Button>
  );
  const close = (
    <Button key="close" disabled={busy} onClick={importer.close}>
      {t('register.import.close')}
    </Button>
  );

  let body: ReactNode = null;
  let footer: ReactNode[] = [close];
  switch (state.step) {
    case 'idle':
      break;
    case 'reading':
      body = (
        <Spin description={t('register.import.reading')}>
          <div style={{ height: 60 }} />
        </Spin>
      );
      footer = [];
      break;
    case 'checking':
    case 'writing':
      body = <ProgressLine progress={state.progress} />;
      footer = [];
      break;
    case 'problems': {
      const unknown = state.check.summary.unknownGroups;
      body = (
        <Flex vertical gap={12}>
          <Alert
            type="error"
            showIcon
            title={t('register.import.problems', {
              file: state.file,
              count: state.check.problems.length,
            })}
          />
          {unknown.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={t('register.import.unknownGroups', {
                groups: unknown.map((group) => `「${group.name}」`).join('、'),
              })}
              action={
                <Button size="small" onClick={() => void importer.createGroupsAndRecheck()}>
                  {t('register.import.createGroups')}
                </Button>
              }
            />
          )}
          <Table<ReportRow>
            virtual
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={report}
            scroll={{ x: 900, y: 360 }}
            data-testid="import-report"
            columns={[
              { title: t('register.import.report.row'), dataIndex: 'row', width: 70 },
              { title: t('register.import.report.column'), dataIndex: 'column', width: 110 },
              { title: t('register.import.report.value'), dataIndex: 'value', width: 190 },
              { title: t('register.import.report.problem'), dataIndex: 'problem', width: 530 },
            ]}
          />
          {saveNote !== null && (
            <Alert type={saveNote.ok ? 'success' : 'error'} showIcon title={saveNote.text} />
          )}
        </Flex>
      );
      footer = [
        <Button
          key="save"
          type="primary"
          onClick={() => {
            void (async () => {
              const saved = await importer.saveReport();
              if (saved === null) return;
              if (!saved.ok)
                setSaveNote({
                  ok: false,
                  text: t('register.file.saveFailed', { message: describeError(saved.error) }),
                });
              else if (saved.value.saved)
                setSaveNote({
                  ok: true,
                  text: t('register.import.reportSaved', { path: saved.value.path }),
                });
            })();
          }}
        >
          {t('register.import.saveReport')}
        </Button>,
        chooseAgain,
        close,
      ];
      break;
    }
    case 'ready': {
      const { summary } = state.check;
      body = (
        <Flex vertical gap={12}>
          <Alert
            type="success"
            showIcon
            title={t('register.import.ready', {
              file: state.file,
              households: summary.households,
              residents: summary.residents,
            })}
          />
          {summary.convertedIds.length > 0 && (
            <Alert
              type="info"
              showIcon
              title={
                <Flex vertical>
                  {summary.convertedIds.map((converted) => (
                    <span key={converted.row}>
                      {t('register.import.converted', { ...converted })}
                    </span>
                  ))}
                </Flex>
              }
            />
          )}
          {summary.ignoredColumns.length > 0 && (
            <Alert
              type="info"
              showIcon
              title={t('register.import.ignoredColumns', {
                columns: summary.ignoredColumns.map((column) => `「${column.column}」`).join('、'),
              })}
            />
          )}
        </Flex>
      );
      footer = [
        <Button key="import" type="primary" onClick={() => void importer.confirm()}>
          {t('register.import.confirm')}
        </Button>,
        chooseAgain,
        <Button key="cancel" onClick={importer.close}>
          {t('register.form.cancel')}
        </Button>,
      ];
      break;
    }
    case 'done':
      body = (
        <Result
          status="success"
          title={t('register.import.done', {
            households: state.counts.households,
            residents: state.counts.residents,
          })}
        />
      );
      break;
    case 'failed':
      body = (
        <Alert
          type="error"
          showIcon
          title={
            state.during === 'read'
              ? t('register.import.failedRead', { message: describeError(state.error) })
              : t('register.import.writeFailed', { message: describeError(state.error) })
          }
        />
      );
      footer = [chooseAgain, close];
      break;
  }

  return (
    <Modal
      open
      title={t('register.import.title')}
      width={980}
      closable={!busy}
      mask={{ closable: false }}
      {...(busy ? {} : { onCancel: importer.close })}
      footer={footer}
    >
      {body}
    </Modal>
  );
}
