/** Placeholder until this card lands (being built in this session). */
export function ResidentFiguresCard(_props: { readonly residentId: string }) {
  return null;
}
