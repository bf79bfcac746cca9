import { Badge, Tooltip } from 'antd';
import { useSyncEngine, useSyncStatus } from './SyncContext.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { PHASE_TONE, phaseLabelKey } from './present.ts';

/**
 * The header's compact sync status: phase, uploads waiting, and a count of problems and
 * conflicts; links to the sync screen. Renders nothing without a sync engine.
 */
export function SyncStatusBadge() {
  const { t } = useI18n();
  const engine = useSyncEngine();
  const status = useSyncStatus();
  if (engine === null || status === null) return null;
  const attention = status.problems + status.conflicts;
  const label = t(phaseLabelKey(status.phase));
  const pending =
    status.pendingUploads !== null && status.pendingUploads > 0
      ? ` · ${t('sync.field.pending')} ${String(status.pendingUploads)}`
      : '';
  return (
    <Tooltip title={t('sync.status.title')}>
      <a
        href="#/sync"
        data-testid="sync-status-badge"
        data-phase={status.phase}
        aria-label={t('sync.badge.label', { status: `${label}${pending}` })}
        style={{ whiteSpace: 'nowrap' }}
      >
        <Badge count={attention} size="small" offset={[6, -2]}>
          <Badge status={PHASE_TONE[status.phase]} text={`${label}${pending}`} />
        </Badge>
      </a>
    </Tooltip>
  );
}
