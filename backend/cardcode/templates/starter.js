// This function runs during the card transaction authorization flow.
// It has a limited execution time, so keep any code short-running.
const beforeTransaction = async (authorization) => {
  console.log(authorization);
  return true;
};

// This function runs after a transaction.
const afterTransaction = async (transaction) => {
  console.log(transaction);
};

// This function runs after a transaction was declined.
const afterDecline = async (transaction) => {
  console.log(transaction);
};
