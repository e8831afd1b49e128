package dev.kiln.api.media;

import io.vertx.mutiny.sqlclient.Row;

/**
 * Reads a media object joined into another query's row, under the column names {@code media_id,
 * storage_key, mime_type, size_bytes, width, height}.
 */
public final class MediaRow {

  /** The columns {@link #of} reads, from table alias {@code m}. */
  public static final String COLUMNS =
      "m.id as media_id, m.storage_key, m.mime_type, m.size_bytes, m.width, m.height";

  private MediaRow() {}

  /** The media of the row, or null when the join found none. */
  public static Media of(Row row, String tenantId) {
    if (row.getString("media_id") == null) {
      return null;
    }
    Media media = new Media();
    media.id = row.getString("media_id");
    media.tenantId = tenantId;
    media.storageKey = row.getString("storage_key");
    media.mimeType = row.getString("mime_type");
    media.sizeBytes = row.getLong("size_bytes");
    media.width = row.getInteger("width");
    media.height = row.getInteger("height");
    return media;
  }
}
