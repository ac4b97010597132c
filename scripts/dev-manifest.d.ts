/** Types of scripts/dev-manifest.js, which the dev server's tests also use. */
export const COMMITTED_URL: string;
export function devUrl(port: number): string;
export function manifestFor(xml: string, url: string): string;
export function devManifestPath(port: number): string;
export function writeDevManifest(port: number): string;
export function removeDevManifest(port: number): void;
