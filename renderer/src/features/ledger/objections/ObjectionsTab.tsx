import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, message, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { useLedgerScreen } from '../LedgerScreenContext.ts';
import { REVIEW_ROLES } from '../review/review-queue.ts';
import { DecideObjectionModal } from './DecideObjectionModal.tsx';
import {
  objectionCounts,
  objectionRows,
  type ObjectionFilter,
  type ObjectionRow,
} from './objection-data.ts';
import { ObjectionTable } from './ObjectionTable.tsx';
import { RaiseObjectionModal } from './RaiseObjectionModal.tsx';
import { useObjectionActions } from './useObjectionActions.ts';

/**
 * 异议: residents' objections against entries — recorded with the reason and a due date,
 * checked, decided with a reason (upheld → the entry is reversed or annulled; dismissed →
 * it continues) and closed once the resident has been told. While open, the entry is held
 * (异议处理中) and does not count. Reviewers and the village admin act; clerks read.
 */
export function ObjectionsTab() {
  const { t, describeError } = useI18n();
  const { scope, register, ledger } = useLedgerScreen();
  const actions = useObjectionActions();
  const [notice, noticeHolder] = message.useMessage();
  const [filter, setFilter] = useState<ObjectionFilter>('unfinished');
  const [raising, setRaising] = useState(false);
  const [deciding, setDeciding] = useState<ObjectionRow | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const mayAct = REVIEW_ROLES.includes(scope.role);
  const rows = useMemo(() => objectionRows(ledger, register, filter), [ledger, register, filter]);
  const counts = useMemo(() => objectionCounts(ledger), [ledger]);

  const step = async (
    row: ObjectionRow,
    run: (id: string) => ReturnType<typeof actions.close>,
    done: string,
  ) => {
    setBusy(row.key);
    const result = await run(row.objection.id);
    setBusy(null);
    if (result.ok) void notice.success(done);
    else void notice.error(t('ledger.objections.failed', { message: describeError(result.error) }));
  };

  const filterOptions: { value: ObjectionFilter; label: string }[] = [
    { value: 'unfinished', label: t('ledger.objections.filter.unfinished') },
    { value: 'open', label: t('ledger.objections.filter.open') },
    { value: 'decided', label: t('ledger.objections.filter.decided') },
    { value: 'closed', label: t('ledger.objections.filter.closed') },
    { value: 'all', label: t('ledger.objections.filter.all') },
  ];

  return (
    <Flex vertical gap={12}>
      {noticeHolder}
      <Flex align="center" gap={16} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('ledger.objections.title')}
        </Typography.Title>
        <Typography.Text strong data-testid="objection-counts">
          {t('ledger.objections.counts', { open: counts.open })}
        </Typography.Text>
        {counts.overdue > 0 && (
          <Typography.Text type="danger" strong>
            {t('ledger.objections.overdueCount', { count: counts.overdue })}
          </Typography.Text>
        )}
        <Select
          aria-label={t('ledger.objections.filter.label')}
          style={{ width: 160 }}
          value={filter}
          options={filterOptions}
          onChange={setFilter}
        />
        {mayAct && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            style={{ marginInlineStart: 'auto' }}
            onClick={() => {
              setRaising(true);
            }}
          >
            {t('ledger.objections.raise.button')}
          </Button>
        )}
      </Flex>
      {!mayAct && <Alert type="info" showIcon title={t('ledger.objections.readOnly')} />}
      <ObjectionTable
        rows={rows}
        ledger={ledger}
        mayAct={mayAct}
        busy={busy}
        onVerify={(row) => void step(row, actions.startVerifying, t('ledger.objections.verified'))}
        onDecide={setDeciding}
        onClose={(row) => void step(row, actions.close, t('ledger.objections.closed'))}
      />
      {raising && (
        <RaiseObjectionModal
          onClose={() => {
            setRaising(false);
          }}
          onDone={() => {
            setRaising(false);
            void notice.success(t('ledger.objections.raised'));
          }}
        />
      )}
      {deciding !== null && (
        <DecideObjectionModal
          row={deciding}
          ledger={ledger}
          onClose={() => {
            setDeciding(null);
          }}
          onDone={(outcome) => {
            setDeciding(null);
            void notice.success(
              t(
                outcome === 'upheld'
                  ? 'ledger.objections.decidedUpheld'
                  : 'ledger.objections.decidedDismissed',
              ),
            );
          }}
        />
      )}
    </Flex>
  );
}
