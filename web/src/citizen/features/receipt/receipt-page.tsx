export function ReceiptPage() {
  return <h1>ReceiptPage</h1>;
}
