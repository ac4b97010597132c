import { libreOfficeUnavailable } from "../../scripts/libreoffice";
import { needs } from "./needs";

export * from "../../scripts/libreoffice";

/** Tests that recalculate or print in LibreOffice: skipped saying why where it is absent, failed under CI. */
export const libreOffice = needs("LibreOffice and poppler", libreOfficeUnavailable());
