/**
 * What the product brief asks the sidebar to offer, in order, written out
 * independently of src/navigation.ts so a rename there fails the e2e suite.
 */
export const expectedViews = [
  {id: 'dashboard', label: 'Dashboard', hash: '#/dashboard'},
  {id: 'transactions', label: 'Transactions', hash: '#/transactions'},
  {id: 'pay', label: 'Pay & Transfer', hash: '#/pay'},
  {id: 'statements', label: 'Statements', hash: '#/statements'},
  {id: 'cards', label: 'Cards', hash: '#/cards'},
  {id: 'export', label: 'Export', hash: '#/export'},
  {id: 'settings', label: 'Settings', hash: '#/settings'},
] as const;
