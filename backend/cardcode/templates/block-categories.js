// Declines card transactions at merchants in blocked categories.
//
// Environment variable blockedCategories: merchant category codes (MCC) or
// category keys, separated by commas, e.g. "7995,5921" or
// "betting_casino_gambling".

const blockedCategories = () =>
  (process.env.blockedCategories || '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');

const beforeTransaction = async (authorization) => {
  const category = authorization.merchant.category;
  const blocked = blockedCategories();
  if (blocked.includes(category.code) || blocked.includes(category.key)) {
    console.log(`Declined: ${category.name} (${category.code}) is a blocked category`);
    return false;
  }
  return true;
};

const afterDecline = async (transaction) => {
  console.log(`Declined ${transaction.centsAmount} cents at ${transaction.merchant.name}`);
};
