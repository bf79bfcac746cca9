import { ModuleNotBuilt } from '../../app/ModuleNotBuilt.tsx';

/** 村民档案: the register (households, residents, search, import and export). */
export function ResidentsPage() {
  return <ModuleNotBuilt titleKey="nav.residents" planKey="module.residents.plan" />;
}
