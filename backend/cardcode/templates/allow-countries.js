// Approves card transactions only in the countries you allow.
//
// Environment variable allowedCountries: ISO country codes (two letters),
// separated by commas, e.g. "ZA,NA,BW". If it is empty every transaction is
// declined (fail closed).

const allowedCountries = () =>
  (process.env.allowedCountries || '')
    .split(',')
    .map((code) => code.trim().toUpperCase())
    .filter((code) => code !== '');

const beforeTransaction = async (authorization) => {
  const allowed = allowedCountries();
  const country = authorization.merchant.country;
  if (allowed.length === 0) {
    console.error('allowedCountries is empty: declining every transaction');
    return false;
  }
  if (!allowed.includes(country.code.toUpperCase())) {
    console.log(`Declined: ${country.name || country.code} is not an allowed country`);
    return false;
  }
  return true;
};
