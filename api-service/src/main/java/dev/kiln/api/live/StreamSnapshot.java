package dev.kiln.api.live;

/**
 * What a stream sends first when the record no longer holds the events a client asked for: the
 * current state instead, saying why.
 *
 * @param data the job object (job streams) or the tenant's unfinished jobs (tenant streams)
 * @param finalId for a finished job, its last event's id (the stream ends after the snapshot and a
 *     reconnect with this id is answered 204); null otherwise
 */
public record StreamSnapshot(String data, String finalId) {

  boolean isFinal() {
    return finalId != null;
  }
}
