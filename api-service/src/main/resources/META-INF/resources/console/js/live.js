// Live job progress through Server-Sent Events. A browser's EventSource cannot send the API key
// in a header, and a key never goes into a URL: each stream is opened with a short-lived stream
// token for this one job (POST /v1/stream-tokens), passed as ?access_token=.

import { api } from './api.js';
import { TERMINAL } from './format.js';

const EVENTS = [
  'job.queued',
  'job.processing',
  'job.progress',
  'job.completed',
  'job.failed',
  'job.cancelled',
  'job.expired',
];

/**
 * Follows a job: calls onJob(job) with the job object of every event, from its first, until the
 * job ends; onProblem(error) when the stream cannot be opened. Answers a function that stops.
 */
export function follow(jobId, onJob, onProblem = () => {}) {
  let source = null;
  let stopped = false;
  let failures = 0;

  async function open() {
    if (stopped) return;
    let token;
    try {
      ({ token } = await api('/v1/stream-tokens', { method: 'POST', body: { job_id: jobId } }));
    } catch (error) {
      onProblem(error);
      return;
    }
    if (stopped) return;
    source = new EventSource(
      `/v1/jobs/${encodeURIComponent(jobId)}/events?access_token=${encodeURIComponent(token)}`,
    );
    for (const type of EVENTS) {
      source.addEventListener(type, (event) => {
        failures = 0;
        const job = JSON.parse(event.data);
        onJob(job);
        if (TERMINAL.has(job.status)) stop();
      });
    }
    // While the connection can come back, EventSource reconnects by itself with Last-Event-ID.
    // Closed for good (the token expired before a reconnect, or the stream had ended): read the
    // job as it is, and open a new stream with a new token unless it has ended.
    source.addEventListener('error', () => {
      if (!stopped && source?.readyState === EventSource.CLOSED) {
        source = null;
        recover();
      }
    });
  }

  async function recover() {
    try {
      const job = await api(`/v1/jobs/${encodeURIComponent(jobId)}`);
      onJob(job);
      if (TERMINAL.has(job.status)) {
        stop();
        return;
      }
    } catch (error) {
      onProblem(error);
    }
    failures += 1;
    if (failures <= 5) setTimeout(open, 1000 * failures);
  }

  function stop() {
    stopped = true;
    source?.close();
    source = null;
  }

  open();
  return stop;
}
