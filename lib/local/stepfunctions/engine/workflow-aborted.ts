/**
 * Thrown through a workflow's states when it was stopped from outside (StopExecution, the
 * execution's timeout, a sibling branch's or iteration's failure): it is never retried or caught.
 */
export class WorkflowAborted extends Error {
  constructor() {
    super('the workflow was aborted');
    this.name = 'WorkflowAborted';
  }
}
