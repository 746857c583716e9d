export function ComplaintForm() {
  return <h1>ComplaintForm</h1>;
}
