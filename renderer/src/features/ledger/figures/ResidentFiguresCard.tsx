import { Alert, Card, Col, Descriptions, Row, Space, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import type { RollUp } from '../../../../../shared/collections/policies.ts';
import type { SubjectScore } from '../../../../../shared/ledger/score.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import type { MessageKey } from '../../../i18n/catalogue.ts';
import { useRegister } from '../../residents/RegisterContext.ts';
import type { VillageLedger } from '../village-ledger.ts';
import { useVillageLedger } from '../VillageLedgerContext.ts';
import { EventHistoryTable } from './EventHistoryTable.tsx';
import { ScoreExplanation } from './ScoreExplanation.tsx';

const ROLL_UP: { readonly [R in RollUp]: MessageKey } = {
  sum: 'ledger.figures.rollUp.sum',
  'per-capita': 'ledger.figures.rollUp.per-capita',
  'head-only': 'ledger.figures.rollUp.head-only',
};

/**
 * 信用积分 in a resident's file: the integrity score and tier (with any cap by a direct
 * rating), the redeemable balance and the honour total, the household's figures, the
 * explanation of the score event by event, and the full history of entries. Read from the
 * session's village ledger, so it follows new entries as they are written or synced.
 */
export function ResidentFiguresCard({ residentId }: { readonly residentId: string }) {
  const { t, describeError } = useI18n();
  const state = useVillageLedger();
  if (state.status === 'failed')
    return (
      <Card title={t('ledger.figures.title')}>
        <Alert
          type="error"
          showIcon
          title={t('ledger.loadFailed', { message: describeError(state.error) })}
        />
      </Card>
    );
  if (state.status === 'loading')
    return <Card title={t('ledger.figures.title')} loading data-testid="resident-figures" />;
  return <ResidentFigures ledger={state.ledger} residentId={residentId} />;
}

function ResidentFigures({
  ledger,
  residentId,
}: {
  readonly ledger: VillageLedger;
  readonly residentId: string;
}) {
  const { t } = useI18n();
  const { register } = useRegister();
  // `ledger` is a new object after every change: the explanation follows each one.
  const score = useMemo(() => ledger.figures.score('resident', residentId), [ledger, residentId]);
  const subjectEvents = useMemo(
    () => [...ledger.figures.ledger('resident', residentId).events.values()],
    [ledger, residentId],
  );
  const resident = register.residentById.get(residentId);
  const household =
    resident === undefined || resident.householdId === ''
      ? undefined
      : register.householdById.get(resident.householdId);
  const householdFigures = useMemo(
    () => (household === undefined ? undefined : ledger.figures.household(household)),
    [ledger, household],
  );

  return (
    <Card title={t('ledger.figures.title')} data-testid="resident-figures">
      <Space orientation="vertical" style={{ width: '100%' }} size={16}>
        <FiguresSummary score={score} ledger={ledger} />
        {household !== undefined && householdFigures !== undefined && (
          <Descriptions
            size="small"
            bordered
            data-testid="household-figures"
            title={t('ledger.figures.household', {
              householdNo: household.householdNo,
              rollUp: t(ROLL_UP[householdFigures.rollUp]),
            })}
            column={4}
            items={[
              {
                key: 'score',
                label: t('ledger.figures.score'),
                children: householdFigures.score,
              },
              { key: 'tier', label: t('ledger.figures.tier'), children: householdFigures.tier },
              {
                key: 'balance',
                label: t('ledger.figures.balance'),
                children: householdFigures.balance,
              },
              {
                key: 'honour',
                label: t('ledger.figures.honourTotal'),
                children: householdFigures.honourTotal,
              },
            ]}
          />
        )}
        {subjectEvents.length === 0 ? (
          <Alert
            type="info"
            showIcon
            data-testid="figures-no-events"
            title={t('ledger.figures.noEvents', { base: score.base })}
          />
        ) : (
          <>
            <ScoreExplanation score={score} events={ledger.events} />
            <EventHistoryTable
              subjectEvents={subjectEvents}
              score={score}
              events={ledger.events}
              ruleSets={ledger.ruleSets}
              today={ledger.today}
            />
          </>
        )}
      </Space>
    </Card>
  );
}

function FiguresSummary({
  score,
  ledger,
}: {
  readonly score: SubjectScore;
  readonly ledger: VillageLedger;
}) {
  const { t, language } = useI18n();
  const band = ledger.village.policy.bands.find((b) => b.tier === score.tier);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} lg={6}>
        <Statistic
          groupSeparator=""
          title={t('ledger.figures.score')}
          value={score.score}
          data-testid="figure-score"
        />
      </Col>
      <Col xs={12} lg={6}>
        <Statistic
          groupSeparator=""
          title={t('ledger.figures.tier')}
          value={score.tier}
          data-testid="figure-tier"
          {...(band !== undefined && language === 'zh-CN' && band.labelZh !== ''
            ? { suffix: <Typography.Text type="secondary">{band.labelZh}</Typography.Text> }
            : {})}
        />
        {score.caps.map((cap) => (
          <div key={cap.eventId}>
            <Typography.Text type="warning" data-testid="tier-cap">
              {t('ledger.figures.cap', { tier: cap.tier, until: cap.until })}
            </Typography.Text>
          </div>
        ))}
        {score.uncappedTier !== score.tier && (
          <div>
            <Typography.Text type="secondary">
              {t('ledger.figures.uncapped', { tier: score.uncappedTier })}
            </Typography.Text>
          </div>
        )}
      </Col>
      <Col xs={12} lg={6}>
        <Statistic
          groupSeparator=""
          title={t('ledger.figures.balance')}
          value={score.balance}
          data-testid="figure-balance"
        />
      </Col>
      <Col xs={12} lg={6}>
        <Statistic
          groupSeparator=""
          title={t('ledger.figures.honourTotal')}
          value={score.honourTotal}
          data-testid="figure-honour"
        />
      </Col>
    </Row>
  );
}
