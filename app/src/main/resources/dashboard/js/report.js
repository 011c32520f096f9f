// GET /api/v1/report?org=ORG&since=7d: loops, overdue guests by hour of day and endings per hour, from
// the audit. Answers null when this service has no report route yet (an older serve), so pages can
// say "no data" instead of failing.
import { api, ApiError, query } from './api.js';

export async function report(org, since) {
  try {
    return await api('/api/v1/report' + query({ org, since }));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && e.code === 'route.not.found') return null;
    throw e;
  }
}

/** The orgs' names, for the pages' org pickers. */
export async function orgNames() {
  const { orgs } = await api('/api/v1/orgs');
  return orgs.map((o) => o.org);
}
