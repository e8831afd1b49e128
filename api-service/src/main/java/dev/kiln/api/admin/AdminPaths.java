package dev.kiln.api.admin;

/** Where the admin API lives: {@code /v1/admin} and below. */
public final class AdminPaths {

  public static final String ROOT = "/v1/admin";

  private AdminPaths() {}

  public static boolean isAdmin(String path) {
    return path.equals(ROOT) || path.startsWith(ROOT + "/");
  }
}
