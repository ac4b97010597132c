/** Types of scripts/functions-metadata.js, which webpack.config.js also requires. */
export const SOURCE: string;
export function shipped(metadataJson: string): string;
export function shippedMetadata(source?: string): Promise<string>;
