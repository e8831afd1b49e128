package dev.kiln.model.jobs;

/**
 * Where a job's image comes from: exactly one of a stored media object or a URL.
 *
 * @param mediaId a media object of the job's tenant ({@code med_...})
 * @param url an http(s) URL fetched by the worker
 */
public record JobInput(String mediaId, String url) {

  public static JobInput media(String mediaId) {
    return new JobInput(mediaId, null);
  }
}
