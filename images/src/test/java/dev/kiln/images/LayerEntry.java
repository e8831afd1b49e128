package dev.kiln.images;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * One entry of an image layer.
 *
 * @param path absolute path in the image ({@code /deployments/lib})
 * @param type what it is
 * @param mode Unix permission bits
 * @param uid owner
 * @param size bytes of a regular file
 * @param linkTarget where a link points, as written in the layer; empty otherwise
 */
record LayerEntry(String path, Type type, int mode, long uid, long size, String linkTarget) {

  /** The kinds of entry the checks tell apart. */
  enum Type {
    FILE,
    DIRECTORY,
    SYMBOLIC_LINK,
    HARD_LINK,
    OTHER
  }

  static LayerEntry of(TarArchiveEntry entry) {
    Type type =
        entry.isSymbolicLink()
            ? Type.SYMBOLIC_LINK
            : entry.isLink()
                ? Type.HARD_LINK
                : entry.isDirectory() ? Type.DIRECTORY : entry.isFile() ? Type.FILE : Type.OTHER;
    return new LayerEntry(
        absolute(entry.getName()),
        type,
        entry.getMode() & 07777,
        entry.getLongUserId(),
        entry.getSize(),
        entry.getLinkName() == null ? "" : entry.getLinkName());
  }

  /** {@code ./usr/bin/}, {@code usr/bin} and {@code /usr/bin} all as {@code /usr/bin}. */
  static String absolute(String name) {
    String path = name.startsWith("./") ? name.substring(1) : name;
    path = path.startsWith("/") ? path : "/" + path;
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  boolean isRegularFile() {
    return type == Type.FILE;
  }

  boolean isDirectory() {
    return type == Type.DIRECTORY;
  }

  boolean isSymbolicLink() {
    return type == Type.SYMBOLIC_LINK;
  }

  boolean isHardLink() {
    return type == Type.HARD_LINK;
  }

  /** Whether the owner's group or others may change it. */
  boolean writableByOthers() {
    return (mode & 0022) != 0;
  }

  boolean executable() {
    return (mode & 0111) != 0;
  }
}
