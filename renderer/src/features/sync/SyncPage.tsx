import { ModuleNotBuilt } from '../../app/ModuleNotBuilt.tsx';

/** 同步: status, 立即同步, first-sync progress, sync problems and the conflict list. */
export function SyncPage() {
  return <ModuleNotBuilt titleKey="nav.sync" planKey="module.sync.plan" />;
}
