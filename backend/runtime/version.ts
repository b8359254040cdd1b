/**
 * The app's version, defined once (package.json's), and how a command line prints it: `imr --version` ("imr 0.1.0"),
 * the browser host's `npm run web -- --version` ("imr web 0.1.0"). The workbook's About sheet and creator
 * (backend/export) name the same version.
 */
import packageJson from '../../package.json' with { type: 'json' };

export const APP_VERSION: string = packageJson.version;

/** The line `--version` prints for `program` (the name its messages start with: "imr", "imr web"). */
export function versionLine(program: string): string {
  return `${program} ${APP_VERSION}\n`;
}
