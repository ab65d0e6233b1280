/**
 * A module imported when first needed rather than with the element: in the bundle it is a chunk
 * of its own, so it is not among what loads before the first row (`npm run size`, budget (a)).
 * Until it is there `value` is undefined; a failed import leaves it so, and the next `load()`
 * tries again.
 */
export class LazyModule<M> {
  private module: M | undefined;
  private loading: Promise<M | undefined> | undefined;

  constructor(private readonly importer: () => Promise<M>) {}

  get value(): M | undefined {
    return this.module;
  }

  load(): Promise<M | undefined> {
    this.loading ??= this.importer().then(
      (module) => (this.module = module),
      () => (this.loading = undefined),
    );
    return this.loading;
  }
}
