export function AudienceForm() {
  return <h1>AudienceForm</h1>;
}
