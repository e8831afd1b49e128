package dev.kiln.api.paging;

import dev.kiln.api.problems.ApiException;
import dev.kiln.model.ids.Ids;
import dev.kiln.model.validation.Violations;

/**
 * {@code ?limit=} (1-100, default 20) and {@code ?cursor=} (the {@code next_cursor} of the page
 * before: an id of the listed kind) of a list request, checked.
 */
public record PageRequest(int limit, String cursor) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  /**
   * @param idPrefix the prefix of the listed objects' ids, which a cursor must have
   * @throws ApiException 422 naming {@code limit} or {@code cursor}
   */
  public static PageRequest of(Integer limit, String cursor, String idPrefix) {
    Violations violations = new Violations();
    violations.range(limit, 1, MAX_LIMIT, "limit");
    if (cursor != null && !Ids.isValid(idPrefix, cursor)) {
      violations.add("cursor", "not a cursor of this list: give back a next_cursor");
    }
    if (!violations.isEmpty()) {
      throw ApiException.invalid(violations.list());
    }
    return new PageRequest(limit == null ? DEFAULT_LIMIT : limit, cursor);
  }

  /** How many rows to fetch: one more than shown, to know whether a next page exists. */
  public int fetch() {
    return limit + 1;
  }
}
