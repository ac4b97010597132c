// Where a production build points when KC_ADDIN_URL is not set: a host that is not the add-in's,
// which `npm run validate` refuses in a built manifest.
module.exports = { PLACEHOLDER_URL: "https://kc-financials.example.com/" };
