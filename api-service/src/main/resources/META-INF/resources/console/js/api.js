// Calls to the Kiln API of this origin with the signed-in key. Failures are ApiErrors carrying
// the RFC 9457 problem document the API answered (or one made up for a network failure).

import { session } from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** The problem's field errors: [{field, message}]. */
  get errors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

/** Called with the error when the API refuses the key (401), e.g. to go back to sign-in. */
let onUnauthorized = () => {};

export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

/**
 * One API call. `body` is sent as JSON unless it is a Blob (an upload, sent as it is with its
 * type). Answers the parsed JSON, or null for 204.
 */
export async function api(path, { method = 'GET', body, key = session.key(), signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (key) headers.Authorization = `Bearer ${key}`;
  let payload;
  if (body instanceof Blob) {
    headers['Content-Type'] = body.type || 'application/octet-stream';
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, signal, cache: 'no-store' });
  } catch (failure) {
    if (failure.name === 'AbortError') throw failure;
    throw new ApiError(0, {
      title: 'The API could not be reached',
      detail: 'Check that Kiln is running and the network is up, then try again.',
      code: 'network_error',
    });
  }
  if (response.status === 204) return null;
  const answer = await readJson(response);
  if (response.ok) return answer;
  const error = new ApiError(response.status, answer ?? { title: response.statusText });
  if (response.status === 401) onUnauthorized(error);
  throw error;
}

async function readJson(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { title: `Unexpected answer (HTTP ${response.status})`, detail: text.slice(0, 200) };
  }
}

/** A query string of the given parameters, leaving out empty ones: "?status=failed&limit=20". */
export function query(parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== null && value !== undefined && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
