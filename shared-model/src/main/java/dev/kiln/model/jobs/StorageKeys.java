package dev.kiln.model.jobs;

/** Object keys in the bucket (DESIGN §6); deterministic so that redelivery overwrites. */
public final class StorageKeys {

  private StorageKeys() {}

  public static String media(String tenantId, String mediaId) {
    return "tenants/" + tenantId + "/media/" + mediaId;
  }

  public static String result(String tenantId, String jobId, int attempt) {
    return "tenants/" + tenantId + "/results/" + jobId + "/" + attempt;
  }
}
