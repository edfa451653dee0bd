// Declines gambling on weekends (Saturday and Sunday, South African time).
//
// Environment variable gamblingCategories: the merchant category codes that
// count as gambling, separated by commas. Default "7995" (Betting/Casino
// Gambling).

// South Africa keeps UTC+2 all year (no daylight saving).
const SAST_OFFSET_MS = 2 * 60 * 60 * 1000;

const gamblingCategories = () =>
  (process.env.gamblingCategories || '7995')
    .split(',')
    .map((code) => code.trim())
    .filter((code) => code !== '');

// The day of the week in South Africa when the transaction happened:
// 0 is Sunday, 6 is Saturday.
const dayInSouthAfrica = (isoDateTime) => new Date(Date.parse(isoDateTime) + SAST_OFFSET_MS).getUTCDay();

const beforeTransaction = async (authorization) => {
  const day = dayInSouthAfrica(authorization.dateTime);
  const weekend = day === 0 || day === 6;
  const category = authorization.merchant.category;
  if (weekend && gamblingCategories().includes(category.code)) {
    console.log(`Declined: no gambling on weekends (${category.name})`);
    return false;
  }
  return true;
};
