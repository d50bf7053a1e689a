// The products whose pages the console shows, one line each: the name of a folder beside this
// file whose pages.js exports `pages` ([{id, title, roles, nav?, landing?, render(view, ctx)}]).
// The shell shows each page to the roles it names, in this order. A new product is a new folder
// and one line here; the shell is not edited.
export const products = [
  'operations', // operator: cluster health, live traffic, invariants, search by id
  'trades', // trades and their timelines, disputes, refunds, the merchant's daily report
  'ledger', // wallets, history, payments; the operator's money adjustments
  'merchants', // a merchant's settlement and apps
  'funds', // the money-market fund
  'keys', // API keys
];
