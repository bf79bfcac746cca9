/** Placeholder until this screen lands (being built in this session). */
export function ReviewTab() {
  return null;
}
