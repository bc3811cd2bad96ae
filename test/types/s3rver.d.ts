declare module 's3rver' {
  interface S3rverOptions {
    port?: number;
    address?: string;
    silent?: boolean;
    directory?: string;
    configureBuckets?: { name: string; configs: unknown[] }[];
  }
  /** the parts of a Koa context the test middleware uses */
  export interface KoaContext {
    method: string;
    path: string;
    query: Record<string, string | string[] | undefined>;
    status: number;
    type: string;
    body: unknown;
  }
  export type KoaMiddleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void> | void;
  export default class S3rver {
    constructor(opts: S3rverOptions);
    /** Koa's middleware chain (s3rver is a Koa application) */
    middleware: KoaMiddleware[];
    run(): Promise<unknown>;
    close(): Promise<void>;
  }
}
