import type { Edition } from '../model.js';
import { EDITIONS } from '../model.js';

/**
 * The options of a build, with their defaults in this one place (the CLI, the batch workers and
 * the library all resolve them here).
 */
export interface BuildOptions {
  /** The editions to build. Default: both. */
  editions?: readonly Edition[];
  /** The photo (and figures) in greyscale, for black-and-white printing. Default: false. */
  grey?: boolean;
  /** PDF/A (the archive default); false writes a plain PDF 1.7 with the same metadata. Default: true. */
  pdfa?: boolean;
  /** Where the files go, and where the review report is said to be. Default: `out`. */
  outDir?: string;
}

export type ResolvedBuildOptions = Required<BuildOptions>;

export const DEFAULT_BUILD_OPTIONS: ResolvedBuildOptions = {
  editions: EDITIONS,
  grey: false,
  pdfa: true,
  outDir: 'out',
};

export function resolveBuildOptions(options: BuildOptions = {}): ResolvedBuildOptions {
  return {
    editions: options.editions ?? DEFAULT_BUILD_OPTIONS.editions,
    grey: options.grey ?? DEFAULT_BUILD_OPTIONS.grey,
    pdfa: options.pdfa ?? DEFAULT_BUILD_OPTIONS.pdfa,
    outDir: options.outDir ?? DEFAULT_BUILD_OPTIONS.outDir,
  };
}
