/** Placeholder until this screen lands (being built in this session). */
export function RecordTab() {
  return null;
}
