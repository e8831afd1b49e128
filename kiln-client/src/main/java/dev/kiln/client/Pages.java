package dev.kiln.client;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every page of a list, fetched lazily one after the other by following {@code next_cursor}:
 * iterate it for the pages, or {@link #items()} for their items. Each iteration starts again from
 * the first page.
 */
public final class Pages<T> implements Iterable<Page<T>> {

  private final Function<String, Page<T>> fetch;

  /**
   * @param fetch fetches the page at a cursor (null: the first page)
   */
  public Pages(Function<String, Page<T>> fetch) {
    this.fetch = fetch;
  }

  @Override
  public Iterator<Page<T>> iterator() {
    return new Iterator<>() {
      private Page<T> last;

      @Override
      public boolean hasNext() {
        return last == null || last.hasMore();
      }

      @Override
      public Page<T> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        last = fetch.apply(last == null ? null : last.nextCursor());
        return last;
      }
    };
  }

  /** The items of every page, in order; pages are fetched as the stream reaches them. */
  public Stream<T> items() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false)
        .flatMap(page -> page.data().stream());
  }
}
