/** Types of scripts/dev-certificate.js, which webpack.config.js also requires. */
export interface CertificatePaths {
  ca: string;
  cert: string;
  key: string;
}
export function devCertificate(options?: {
  paths?: CertificatePaths;
  now?: Date;
  create?: (paths: CertificatePaths) => Promise<unknown> | unknown;
  trusted?: () => boolean;
  log?: (line: string) => void;
  port?: number;
}): Promise<{ ca: Buffer; key: Buffer; cert: Buffer; created: boolean }>;
