import { messageOf } from './api';

export interface FieldError {
  field?: string;
  message: string;
}

/**
 * The state every staff page keeps around its buttons: whether something is running, the errors
 * for the error summary and a notice. `run` clears both, runs the action, then `after` (e.g. a
 * refresh), and turns any failure into a plain-language error.
 */
export class PageAction {
  busy = $state(false);
  errors = $state<FieldError[]>([]);
  notice = $state('');

  constructor(private readonly after?: () => Promise<void>) {}

  async run(action: () => Promise<unknown>): Promise<void> {
    this.errors = [];
    this.notice = '';
    this.busy = true;
    try {
      await action();
      await this.after?.();
    } catch (error) {
      this.errors = [{ message: messageOf(error) }];
    } finally {
      this.busy = false;
    }
  }
}
