/**
 * A module imported when first needed rather than with the element: in the bundle it is a chunk
 * of its own, so it is not among what loads before the first row (`npm run size`, budget (a)).
 * Until it is there `value` is undefined; a failed import leaves it so and keeps the `error`
 * (a caller shows it rather than asking again at every render), and the next `load()` tries again.
 */
export class LazyModule<M> {
  private module: M | undefined;
  private loading: Promise<M | undefined> | undefined;
  private failure: unknown;

  constructor(private readonly importer: () => Promise<M>) {}

  get value(): M | undefined {
    return this.module;
  }

  /** Why the last import failed, until the next `load()` starts. */
  get error(): unknown {
    return this.failure;
  }

  load(): Promise<M | undefined> {
    if (!this.loading) {
      this.failure = undefined;
      this.loading = this.importer().then(
        (module) => (this.module = module),
        (error: unknown) => {
          this.failure = error ?? new Error('the module could not be loaded');
          return (this.loading = undefined);
        },
      );
    }
    return this.loading;
  }
}
