/**
 * The scoring policy a village works under: its settings' tier scheme (a catalogue
 * document the township published; the packaged scheme of that code when the catalogue
 * lacks it), roll-up and balance rule. A village without settings scores with the default
 * scheme (Wendeng credit1000), household sum, and deductions not against the balance.
 * The device and the town server choose it with this one function.
 */
import { catalogId, type TierScheme } from '../collections/catalog.ts';
import type { SettingsPolicy } from '../collections/policies.ts';
import { scoringPolicy, type ScoringPolicy } from './score.ts';
import {
  DEFAULT_TIER_SCHEME_CODE,
  defaultTierSchemes,
  tierSchemeFromCatalog,
  type TierSchemeValues,
} from './templates.ts';

export interface VillagePolicy {
  readonly policy: ScoringPolicy;
  /** The tier scheme's code (credit1000 by default). */
  readonly tierScheme: string;
  /** Whether the village's settings document was found (else the defaults apply). */
  readonly fromSettings: boolean;
}

export function villagePolicyOf(
  townshipCode: string,
  settings: SettingsPolicy | undefined,
  schemes: readonly TierScheme[],
): VillagePolicy {
  const wantedId =
    settings === undefined || settings.tierSchemeId === ''
      ? catalogId(townshipCode, 'tier-scheme', DEFAULT_TIER_SCHEME_CODE)
      : settings.tierSchemeId;
  const scheme = schemeById(schemes, wantedId, townshipCode);
  return {
    policy: scoringPolicy(scheme, settings),
    tierScheme: scheme.code,
    fromSettings: settings !== undefined,
  };
}

function schemeById(
  catalogue: readonly TierScheme[],
  id: string,
  townshipCode: string,
): TierSchemeValues {
  const published = catalogue.find((doc) => doc.id === id && doc.bands.length > 0);
  if (published !== undefined) return tierSchemeFromCatalog(published);
  const packaged = defaultTierSchemes();
  const scheme =
    packaged.find((s) => catalogId(townshipCode, 'tier-scheme', s.code) === id) ??
    packaged.find((s) => s.code === DEFAULT_TIER_SCHEME_CODE) ??
    packaged[0];
  if (scheme === undefined) throw new Error('the packaged library has no tier scheme');
  return scheme;
}
