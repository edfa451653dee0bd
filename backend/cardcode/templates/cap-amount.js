// Declines any transaction above a limit.
//
// Environment variables (set one):
//   maxCents  - the limit in cents, e.g. "50000" for R500.00
//   maxAmount - the limit in rands, e.g. "500" or "500.00"
// The limit applies to the transaction's own currency. If neither is set, or
// the value is not a valid amount, every transaction is declined until the
// limit is fixed (fail closed).

// Amounts are handled as whole cents: no floating-point arithmetic.
const randsToCents = (text) => {
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const fraction = (match[2] || '').padEnd(2, '0');
  return Number(match[1]) * 100 + Number(fraction);
};

const limitInCents = () => {
  if (process.env.maxCents !== undefined) {
    const text = process.env.maxCents.trim();
    return /^\d{1,15}$/.test(text) ? Number(text) : null;
  }
  if (process.env.maxAmount !== undefined) {
    return randsToCents(process.env.maxAmount);
  }
  return null;
};

const beforeTransaction = async (authorization) => {
  const limit = limitInCents();
  if (limit === null) {
    console.error('Set maxCents or maxAmount to a valid amount: declining until the limit is set');
    return false;
  }
  if (authorization.centsAmount > limit) {
    console.log(`Declined: ${authorization.centsAmount} cents is over the limit of ${limit} cents`);
    return false;
  }
  return true;
};
