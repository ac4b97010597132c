import { resolve } from "path";

/** The repository's root, whatever tier folder a test sits in. */
export const ROOT = resolve(__dirname, "../..");
