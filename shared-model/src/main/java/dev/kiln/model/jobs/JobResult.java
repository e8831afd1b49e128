package dev.kiln.model.jobs;

/**
 * The output image of a completed job, stored as a media object.
 *
 * @param mediaId the id of the result media object
 * @param storageKey the object key in the bucket ({@code tenants/{t}/results/{job}/{attempt}})
 */
public record JobResult(
    String mediaId, String storageKey, String mimeType, long sizeBytes, int width, int height) {}
