package dev.kiln.client;

import java.util.List;

/**
 * One page of a list, newest first.
 *
 * @param data the items of this page
 * @param nextCursor the cursor of the next page, null on the last one
 */
public record Page<T>(String object, List<T> data, String nextCursor) {

  public Page {
    data = data == null ? List.of() : List.copyOf(data);
  }

  /** Whether a next page exists. */
  public boolean hasMore() {
    return nextCursor != null;
  }
}
