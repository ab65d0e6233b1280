import type { ReactiveControllerHost } from 'lit';
import { ApiError, type ProblemReason } from '../api/client.js';
import { errorAdvice } from './states.js';

/** What a refused submission left to show: the reasons by field, or one message with advice. */
export interface Refusal {
  reasons: ProblemReason[];
  /** For refusals that name no rule (403, 404, 5xx, network): what happened and what to do. */
  advice?: string;
}

/** Reads any error a submission may throw; 400, 409 and 422 carry reasons, the rest advice. */
export function refusalOf(error: unknown): Refusal {
  if (error instanceof ApiError && [400, 409, 422].includes(error.status) && error.errors.length > 0) return { reasons: error.errors };
  const { summary, next, requestId } = errorAdvice(error);
  return { reasons: [], advice: [summary, next, requestId ? `(${requestId})` : ''].filter(Boolean).join(' ') };
}

/**
 * The submissions of a form: whether the person tried to submit, the BFF's last refusal kept
 * by field (`path`) with its advice for what names no field, and one Idempotency-Key per
 * distinct submission body. Setting any of them renders the host again; `reset()` forgets all.
 * It needs none of the host's lifecycle hooks, only its `requestUpdate()`, so it is not added
 * to the host's controllers.
 */
export class SubmissionController {
  private _attempted = false;
  private _reasons: ProblemReason[] = [];
  private _advice?: string;
  private submission?: { body: string; key: string };

  constructor(private readonly host: ReactiveControllerHost) {}

  /** Whether the person tried to submit: from then on, problems are marked. */
  get attempted(): boolean {
    return this._attempted;
  }
  set attempted(value: boolean) {
    this._attempted = value;
    this.host.requestUpdate();
  }

  /** The reasons of the BFF's last refusal. */
  get reasons(): ProblemReason[] {
    return this._reasons;
  }
  set reasons(value: ProblemReason[]) {
    this._reasons = value;
    this.host.requestUpdate();
  }

  /** What happened and what to do, for a refusal that names no field. */
  get advice(): string | undefined {
    return this._advice;
  }
  set advice(value: string | undefined) {
    this._advice = value;
    this.host.requestUpdate();
  }

  /** The reasons about these fields. */
  at(...paths: string[]): ProblemReason[] {
    return this._reasons.filter((r) => paths.includes(r.path));
  }

  /** The reasons about none of these fields. */
  other(...ownPaths: string[]): ProblemReason[] {
    return this._reasons.filter((r) => !ownPaths.includes(r.path));
  }

  /** Forgets the reasons about fields that have just changed. */
  clear(...paths: string[]): void {
    this.reasons = this._reasons.filter((r) => !paths.includes(r.path));
  }

  /** Keeps a refusal: its reasons by field, or its advice; marks the form as attempted. */
  refuse(error: unknown): void {
    ({ reasons: this._reasons, advice: this._advice } = refusalOf(error));
    this.attempted = true;
  }

  /** One key per distinct submission: a retry of the same body may be answered from the first try. */
  keyFor(body: unknown): string {
    const json = JSON.stringify(body);
    if (this.submission?.body !== json) this.submission = { body: json, key: crypto.randomUUID() };
    return this.submission.key;
  }

  /** Forgets the last submission: its key, its refusal and that it was attempted. */
  reset(): void {
    this.submission = undefined;
    this._attempted = false;
    this._reasons = [];
    this._advice = undefined;
    this.host.requestUpdate();
  }
}
