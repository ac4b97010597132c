/** Where a production build points when KC_ADDIN_URL is not set (placeholder-url.js). */
export const PLACEHOLDER_URL: string;
