import { Alert, Flex, message } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { useLedgerScreen } from '../LedgerScreenContext.ts';
import { AdoptDefaultsModal } from './AdoptDefaultsModal.tsx';
import { DraftEditorCard } from './DraftEditorCard.tsx';
import { NoRuleSetCard } from './NoRuleSetCard.tsx';
import { PointsSettingsCard } from './PointsSettingsCard.tsx';
import { adoptedVersions, currentAdopted, openDraft } from './rule-set-changes.ts';
import { RuleSetInForceCard } from './RuleSetInForceCard.tsx';
import { useRuleLibrary } from './useRuleLibrary.ts';
import { useRuleSetActions } from './useRuleSetActions.ts';
import { VersionHistoryCard } from './VersionHistoryCard.tsx';

/**
 * 积分细则: the village's rule set in force with its adoption and rules, its versions, and
 * for the village administrator the adoption of the default library, the revision of the
 * set (a draft of the next version, adopted by the representative meeting) and the
 * village's points settings. Everyone else reads.
 */
export function RulesTab() {
  const { t, describeError } = useI18n();
  const { scope, ledger } = useLedgerScreen();
  const library = useRuleLibrary(scope.villageCode);
  const actions = useRuleSetActions(library.rules);
  const [notice, noticeHolder] = message.useMessage();
  const [adopting, setAdopting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const isAdmin = scope.role === 'village_admin';

  const adopted = adoptedVersions(ledger.ruleSets);
  const inForce = ledger.ruleSetOn(ledger.today);
  // Before the first version takes effect, the earliest adopted one is shown as coming.
  const shown =
    inForce ?? [...adopted].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0];
  const upcoming = adopted
    .filter(
      (set) => set.status === 'adopted' && set.effectiveFrom > ledger.today && set.id !== shown?.id,
    )
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0];
  const draft = openDraft(ledger.ruleSets);

  const revise = async () => {
    setFailure(null);
    const result = await actions.startRevision();
    if (!result.ok) setFailure(describeError(result.error));
  };

  return (
    <Flex vertical gap={16}>
      {noticeHolder}
      {library.error !== undefined && (
        <Alert
          type="warning"
          showIcon
          title={t('ledger.rules.libraryFailed', { message: describeError(library.error) })}
        />
      )}
      {failure !== null && <Alert type="error" showIcon title={failure} closable />}
      {shown === undefined ? (
        <NoRuleSetCard
          library={library}
          {...(isAdmin
            ? {
                onAdopt: () => {
                  setAdopting(true);
                },
              }
            : {})}
        />
      ) : (
        <RuleSetInForceCard
          set={shown}
          inForce={inForce !== undefined}
          upcoming={upcoming}
          {...(isAdmin && draft === undefined ? { onRevise: () => void revise() } : {})}
        />
      )}
      {draft !== undefined && (
        <DraftEditorCard
          draft={draft}
          current={currentAdopted(ledger.ruleSets)}
          library={library.rules}
          actions={actions}
          editable={isAdmin}
          onAdopted={(set) => {
            void notice.success(
              t('ledger.rules.version.done', {
                version: set.setVersion,
                effectiveFrom: set.effectiveFrom,
              }),
            );
          }}
        />
      )}
      {ledger.ruleSets.length > 0 && (
        <VersionHistoryCard
          ruleSets={ledger.ruleSets}
          inForceId={inForce?.id}
          today={ledger.today}
        />
      )}
      <PointsSettingsCard
        settings={ledger.settings}
        actions={actions}
        editable={isAdmin}
        onSaved={() => {
          void notice.success(t('ledger.rules.settings.saved'));
        }}
      />
      {adopting && (
        <AdoptDefaultsModal
          library={library}
          actions={actions}
          onClose={() => {
            setAdopting(false);
          }}
          onAdopted={(set) => {
            setAdopting(false);
            void notice.success(
              t('ledger.rules.adopt.done', {
                version: set.setVersion,
                effectiveFrom: set.effectiveFrom,
              }),
            );
          }}
        />
      )}
    </Flex>
  );
}
