import { SyncOutlined } from '@ant-design/icons';
import {
  Alert,
  Badge,
  Button,
  Card,
  Descriptions,
  Empty,
  message,
  Popconfirm,
  Progress,
  Space,
  Table,
  Typography,
} from 'antd';
import { useCallback, useContext, useMemo, useState } from 'react';
import { useAppServices } from '../../app/AppServices.ts';
import { SessionContext } from '../../auth/session.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { CATALOGUES } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/catalogue.ts';
import type { SyncStatus } from '../../sync/status.ts';
import { dismissProblem, type SyncConflict, type SyncProblem } from '../../sync/stores.ts';
import type { SyncEngine } from '../../sync/engine.ts';
import {
  adviceKey,
  fieldLabel,
  formatValue,
  PHASE_TONE,
  phaseLabelKey,
  shownFields,
} from './present.ts';
import { useSyncConflicts, useSyncEngine, useSyncProblems, useSyncStatus } from './SyncContext.ts';

function useTimeFormat(): (ms: number) => string {
  const { language } = useI18n();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' });
    return (ms: number) => format.format(ms);
  }, [language]);
}

const HELP: Partial<Record<SyncStatus['phase'], MessageKey>> = {
  syncing: 'sync.help.syncing',
  starting: 'sync.help.syncing',
  synced: 'sync.help.synced',
  offline: 'sync.help.offline',
  'server-error': 'sync.help.offline',
  standby: 'sync.help.standby',
  'needs-sign-in': 'sync.help.needs-sign-in',
  outdated: 'sync.help.outdated',
  'server-outdated': 'sync.help.server-outdated',
  stopped: 'sync.help.stopped',
};

/** 同步: status, 立即同步, first-sync progress, sync problems and the conflict list. */
export function SyncPage() {
  const engine = useSyncEngine();
  const status = useSyncStatus();
  const problems = useSyncProblems();
  const conflicts = useSyncConflicts();
  const [notice, noticeHolder] = message.useMessage();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {noticeHolder}
      <StatusCard engine={engine} status={status} notice={notice} />
      <ProblemsCard problems={problems} notice={notice} />
      <ConflictsCard engine={engine} conflicts={conflicts} notice={notice} />
    </Space>
  );
}

type Notice = ReturnType<typeof message.useMessage>[0];

function StatusCard({
  engine,
  status,
  notice,
}: {
  readonly engine: SyncEngine | null;
  readonly status: SyncStatus | null;
  readonly notice: Notice;
}) {
  const { t, describeError } = useI18n();
  const session = useContext(SessionContext);
  const formatTime = useTimeFormat();
  const phase = status?.phase ?? 'signed-out';
  const demo = session?.demo === true;
  const helpKey: MessageKey | undefined =
    phase === 'signed-out'
      ? 'sync.help.signed-out'
      : phase === 'not-signed-in' && demo
        ? 'sync.help.demo'
        : HELP[phase];
  const canSync =
    engine !== null &&
    status !== null &&
    ![
      'not-signed-in',
      'needs-sign-in',
      'outdated',
      'server-outdated',
      'stopped',
      'standby',
    ].includes(phase);

  const syncNow = (): void => {
    engine?.syncNow();
    void notice.info(t('sync.now.started'));
  };

  const network = (s: SyncStatus): string => {
    const computer = t(s.online ? 'sync.network.online' : 'sync.network.offline');
    const server = t(
      s.reachable === null
        ? 'sync.network.unknown'
        : s.reachable
          ? 'sync.network.reachable'
          : 'sync.network.unreachable',
    );
    return `${computer}，${server}`;
  };

  const count = (n: number | null): string =>
    n === null ? t('sync.counting') : t('sync.count', { count: n });

  const shownError =
    status === null || (phase === 'not-signed-in' && demo) || phase === 'outdated'
      ? null
      : status.error;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {phase === 'outdated' && (
        <Alert
          type="error"
          showIcon
          data-testid="sync-update-required"
          title={
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('sync.phase.outdated')}
            </Typography.Title>
          }
          description={
            <>
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                {t('sync.help.outdated')}
              </Typography.Paragraph>
              {status?.error && <Typography.Text>{describeError(status.error)}</Typography.Text>}
            </>
          }
        />
      )}
      <Card
        title={t('sync.status.title')}
        data-testid="sync-status"
        data-phase={phase}
        extra={
          <Button
            type="primary"
            icon={<SyncOutlined spin={status?.busy === true && canSync} />}
            disabled={!canSync}
            onClick={syncNow}
          >
            {t('sync.now')}
          </Button>
        }
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <div>
            <Badge status={PHASE_TONE[phase]} text={<strong>{t(phaseLabelKey(phase))}</strong>} />
            {helpKey !== undefined && (
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                {t(helpKey)}
              </Typography.Paragraph>
            )}
          </div>
          {shownError !== null && (
            <Alert
              type={phase === 'needs-sign-in' || phase === 'server-outdated' ? 'error' : 'warning'}
              showIcon
              title={describeError(shownError)}
              description={
                status !== null && status.retryAt !== null
                  ? t('sync.help.retryAt', { time: formatTime(status.retryAt) })
                  : undefined
              }
            />
          )}
          {status?.firstSync && (
            <div data-testid="sync-first-sync">
              <Typography.Text strong>{t('sync.firstSync.title')}</Typography.Text>
              <Progress
                percent={
                  status.firstSync.total === null || status.firstSync.total === 0
                    ? 0
                    : Math.min(
                        99,
                        Math.floor((status.firstSync.pulled / status.firstSync.total) * 100),
                      )
                }
                status="active"
              />
              <Typography.Text data-testid="sync-first-sync-count">
                {status.firstSync.total === null
                  ? t('sync.firstSync.progressUnknown', { pulled: status.firstSync.pulled })
                  : t('sync.firstSync.progress', {
                      pulled: status.firstSync.pulled,
                      total: status.firstSync.total,
                    })}
              </Typography.Text>
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                {t('sync.firstSync.help')}
              </Typography.Paragraph>
            </div>
          )}
          {status !== null && status.refused.length > 0 && (
            <Alert
              type="info"
              showIcon
              title={t('sync.refused', {
                collections: status.refused.map((r) => t(`collection.${r.collection}`)).join('、'),
              })}
            />
          )}
          {status !== null && (
            <Descriptions
              column={{ xs: 1, sm: 1, md: 2 }}
              size="small"
              bordered
              items={[
                { key: 'network', label: t('sync.field.network'), children: network(status) },
                {
                  key: 'last',
                  label: t('sync.field.lastSynced'),
                  children:
                    status.lastSyncedAt === null
                      ? t('sync.lastSynced.never')
                      : formatTime(status.lastSyncedAt),
                },
                {
                  key: 'pending',
                  label: t('sync.field.pending'),
                  children: <span data-testid="sync-pending">{count(status.pendingUploads)}</span>,
                },
                {
                  key: 'problems',
                  label: t('sync.field.problems'),
                  children: count(status.problems),
                },
                {
                  key: 'conflicts',
                  label: t('sync.field.conflicts'),
                  children: count(status.conflicts),
                },
              ]}
            />
          )}
        </Space>
      </Card>
    </Space>
  );
}

function recordName(t: ReturnType<typeof useI18n>['t'], label: string, id: string): string {
  return label === '' ? t('sync.record.id', { id }) : label;
}

function ProblemsCard({
  problems,
  notice,
}: {
  readonly problems: readonly SyncProblem[];
  readonly notice: Notice;
}) {
  const { t, describeError } = useI18n();
  const { db } = useAppServices();
  const formatTime = useTimeFormat();
  const dismiss = async (problem: SyncProblem): Promise<void> => {
    try {
      await dismissProblem(db, problem.key);
    } catch (error) {
      console.error('dismissing a sync problem failed', error);
      void notice.error(
        t('sync.failed', { reason: describeError({ code: 'localdb.write-failed' }) }),
      );
    }
  };
  return (
    <Card
      title={`${t('sync.problems.title')}（${String(problems.length)}）`}
      data-testid="sync-problems"
    >
      {problems.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sync.problems.empty')} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">{t('sync.problems.help')}</Typography.Paragraph>
          <Table<SyncProblem>
            rowKey="key"
            size="small"
            pagination={problems.length > 20 ? { pageSize: 20 } : false}
            dataSource={[...problems]}
            columns={[
              {
                key: 'collection',
                title: t('sync.problems.collection'),
                render: (_, p) => t(`collection.${p.collection}`),
              },
              {
                key: 'record',
                title: t('sync.problems.record'),
                render: (_, p) => recordName(t, p.label, p.id),
              },
              {
                key: 'reason',
                title: t('sync.problems.reason'),
                render: (_, p) => describeError({ code: p.code, params: p.params }),
              },
              {
                key: 'advice',
                title: t('sync.problems.advice'),
                render: (_, p) => t(adviceKey(p.code)),
              },
              {
                key: 'time',
                title: t('sync.problems.time'),
                render: (_, p) => formatTime(p.lastAt),
              },
              {
                key: 'action',
                title: '',
                render: (_, p) => (
                  <Popconfirm
                    title={t('sync.problems.dismiss.confirm')}
                    okText={t('sync.problems.dismiss.ok')}
                    cancelText={t('sync.cancel')}
                    onConfirm={() => {
                      void dismiss(p);
                    }}
                  >
                    <Button size="small">{t('sync.problems.dismiss')}</Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}

function ConflictsCard({
  engine,
  conflicts,
  notice,
}: {
  readonly engine: SyncEngine | null;
  readonly conflicts: readonly SyncConflict[];
  readonly notice: Notice;
}) {
  const { t } = useI18n();
  return (
    <Card
      title={`${t('sync.conflicts.title')}（${String(conflicts.length)}）`}
      data-testid="sync-conflicts"
    >
      {conflicts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sync.conflicts.empty')} />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">{t('sync.conflicts.help')}</Typography.Paragraph>
          {conflicts.map((conflict) => (
            <ConflictView key={conflict.key} engine={engine} conflict={conflict} notice={notice} />
          ))}
        </Space>
      )}
    </Card>
  );
}

interface FieldRow {
  readonly field: string;
  readonly label: string;
  readonly server: string;
  readonly local: string;
}

function ConflictView({
  engine,
  conflict,
  notice,
}: {
  readonly engine: SyncEngine | null;
  readonly conflict: SyncConflict;
  readonly notice: Notice;
}) {
  const { t, language, describeError } = useI18n();
  const formatTime = useTimeFormat();
  const [working, setWorking] = useState(false);
  const catalogue = CATALOGUES[language];
  const rows: FieldRow[] = shownFields(conflict.fields).map((field) => ({
    field,
    label: fieldLabel(catalogue, field),
    server: formatValue(catalogue, field, conflict.server[field], formatTime),
    local: formatValue(catalogue, field, conflict.local[field], formatTime),
  }));

  const choose = useCallback(
    async (which: 'server' | 'local'): Promise<void> => {
      if (engine === null) return;
      setWorking(true);
      try {
        if (which === 'server') await engine.chooseServerVersion(conflict);
        else await engine.chooseLocalVersion(conflict);
        void notice.success(t('sync.conflicts.done'));
      } catch (error) {
        console.error('settling a conflict failed', error);
        void notice.error(
          t('sync.failed', { reason: describeError({ code: 'localdb.write-failed' }) }),
        );
        setWorking(false);
      }
    },
    [engine, conflict, notice, t, describeError],
  );

  return (
    <Card
      type="inner"
      size="small"
      data-testid="sync-conflict"
      title={`${t(`collection.${conflict.collection}`)} · ${recordName(t, conflict.label, conflict.id)}`}
      extra={
        <Typography.Text type="secondary">
          {t('sync.conflicts.at', { time: formatTime(conflict.at) })}
        </Typography.Text>
      }
    >
      <Table<FieldRow>
        rowKey="field"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { key: 'label', title: t('sync.conflicts.field'), dataIndex: 'label' },
          { key: 'server', title: t('sync.conflicts.server'), dataIndex: 'server' },
          { key: 'local', title: t('sync.conflicts.local'), dataIndex: 'local' },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={engine === null || working} onClick={() => void choose('server')}>
          {t('sync.conflicts.keepServer')}
        </Button>
        <Popconfirm
          title={t('sync.conflicts.useLocal.confirm')}
          okText={t('sync.conflicts.useLocal.ok')}
          cancelText={t('sync.cancel')}
          onConfirm={() => {
            void choose('local');
          }}
          disabled={engine === null || working}
        >
          <Button type="primary" disabled={engine === null || working}>
            {t('sync.conflicts.useLocal')}
          </Button>
        </Popconfirm>
      </Space>
    </Card>
  );
}
