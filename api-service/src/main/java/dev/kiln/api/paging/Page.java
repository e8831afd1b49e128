package dev.kiln.api.paging;

import java.util.List;
import java.util.function.Function;

/**
 * A page of a list, newest first: {@code {"object": "list", "data": [...], "next_cursor": ...}};
 * {@code next_cursor} (null on the last page) is given back as {@code ?cursor=} for the next one.
 */
public record Page<T>(String object, List<T> data, String nextCursor) {

  /**
   * The page of {@code fetched}, which holds up to {@code limit + 1} items: the extra one only
   * tells that there is a next page.
   */
  public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> id) {
    boolean more = fetched.size() > limit;
    List<T> data = more ? fetched.subList(0, limit) : fetched;
    return new Page<>("list", List.copyOf(data), more ? id.apply(data.getLast()) : null);
  }

  /** The page of {@code fetched} rows (up to {@code page.fetch()}), each shown as its view. */
  public static <R, T> Page<T> of(
      List<R> fetched, PageRequest page, Function<R, T> view, Function<T, String> id) {
    return of(fetched.stream().map(view).toList(), page.limit(), id);
  }
}
