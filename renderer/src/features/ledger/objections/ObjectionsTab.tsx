/** Placeholder until this screen lands (being built in this session). */
export function ObjectionsTab() {
  return null;
}
