import { msg } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { Me } from '../../domain/api.js';
import { type Action, can } from '../../domain/roles.js';
import type { ApiClient } from '../api/client.js';
import { renderError, renderLoading, renderRefusal } from './states.js';

/**
 * The caller (`GET /api/me`) of an element's current client, for views that only some roles
 * may see: until the caller is known, and for those who may not, the view shows a state
 * instead and asks the BFF nothing else.
 */
export class Caller {
  readonly task: Task<readonly [ApiClient], Me>;

  constructor(host: ReactiveControllerHost, client: () => ApiClient) {
    this.task = new Task(host, {
      task: ([current]) => current.me(),
      args: () => [client()] as const,
    });
  }

  /** Whether the caller may; undefined until the caller of the current client is known. */
  may(action: Action): boolean | undefined {
    const me = this.task.status === TaskStatus.COMPLETE ? this.task.value : undefined;
    return me ? can(me, action) : undefined;
  }

  /** What to show instead of the view: loading, an error, or the refusal; undefined once the caller may. */
  gate(action: Action, texts: { loading: string; refused: string }): TemplateResult | undefined {
    if (this.task.status === TaskStatus.ERROR)
      return renderError(msg('Your roles could not be loaded.', { id: 'common.me-error' }), this.task.error, () => void this.task.run());
    const allowed = this.may(action);
    if (allowed === undefined) return renderLoading(texts.loading);
    return allowed ? undefined : renderRefusal(texts.refused);
  }
}
