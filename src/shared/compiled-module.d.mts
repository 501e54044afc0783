/** Types of compiled-module.mjs (plain JavaScript: bin/fabriques.mjs loads it before tsx). */
export declare const ROOT: string;
export declare const CACHE_DIR: string;
export declare function compiledModule(entry: URL, cacheDir?: string): URL | null;
export declare function buildModule(entry: URL, cacheDir?: string): Promise<URL | null>;
