import { msg } from '../i18n/localization.js';
import { Task, TaskStatus } from '@lit/task';
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { Me } from '../../domain/api.js';
import { type Action, can } from '../../domain/roles.js';
import type { ApiClient } from '../api/client.js';
import { renderError, renderLoading, renderRefusal } from './states.js';

/**
 * The caller (`GET /api/me`) of an element's current client: the one way every element asks
 * "who am I". It asks again when the client changes (another user or API base) and, with
 * `enabled`, only while that is true (a dialog only while it is open). `ApiClient.me()` asks the
 * BFF once per client, so elements that share a client share the answer. For views that only
 * some roles may see, `gate` shows a state until the caller is known, and the
 * refusal to those who may not.
 */
export class Caller {
  readonly task: Task<readonly [ApiClient, boolean], Me | undefined>;

  constructor(host: ReactiveControllerHost, client: () => ApiClient, enabled: () => boolean = () => true) {
    this.task = new Task(host, {
      task: ([current, on]) => (on ? current.me() : undefined),
      args: () => [client(), enabled()] as const,
    });
  }

  /** The caller as last loaded; undefined until then. */
  get me(): Me | undefined {
    return this.task.value;
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
