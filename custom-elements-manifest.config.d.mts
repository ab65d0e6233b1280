/** The types of custom-elements-manifest.config.mjs, for the tests and scripts that read its layout. */
export declare const PACKAGE_LAYOUT: {
  readonly elementsDir: string;
  readonly packageDir: string;
  readonly outdir: string;
  readonly sourceToPackage: Readonly<Record<string, string>>;
  readonly ideData: { readonly vscodeHtml: string; readonly vscodeCss: string; readonly webTypes: string };
};
declare const config: Record<string, unknown>;
export default config;
