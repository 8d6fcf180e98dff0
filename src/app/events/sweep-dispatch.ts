/**
 * `repository_dispatch` with `event_type: kubemend-sweep`: a drift sweep of that repository now (a
 * scheduled workflow, a CronJob, a person with `gh api`). Sending a dispatch needs write access to the
 * repository (https://docs.github.com/rest/repos/repos#create-a-repository-dispatch-event), the same bar as
 * `/kubemend sweep`. `client_payload` is ignored: the sweep needs nothing but the repository.
 */
export const SWEEP_EVENT_TYPE = 'kubemend-sweep';
