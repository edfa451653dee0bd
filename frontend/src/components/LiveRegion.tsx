/** LiveRegion announces a short message to screen readers, politely. */
export function LiveRegion({message}: {message: string}) {
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="live-region">
      {message}
    </div>
  );
}
