package dev.kiln.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.worker.storage.ObjectStore.ObjectNotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputCacheTest {

  private final List<String> reads = new ArrayList<>();

  @Test
  void secondReadOfAKeyIsServedWithoutTheStore() {
    InputCache cache = new InputCache(1_000, 100);

    byte[] first = cache.read("a", 1_000, this::store);
    byte[] second = cache.read("a", 1_000, this::store);

    assertThat(second).isSameAs(first);
    assertThat(reads).containsExactly("a");
  }

  @Test
  void differentKeysAreReadEach() {
    InputCache cache = new InputCache(1_000, 100);

    cache.read("a", 1_000, this::store);
    cache.read("b", 1_000, this::store);

    assertThat(reads).containsExactly("a", "b");
  }

  @Test
  void objectsOverThePerObjectLimitAreNotKept() {
    InputCache cache = new InputCache(1_000, 100);

    cache.read("big", 1_000, (key, max) -> object(key, 101));
    cache.read("big", 1_000, (key, max) -> object(key, 101));

    assertThat(reads).containsExactly("big", "big");
    assertThat(cache.weightedSize()).isZero();
  }

  @Test
  void totalSizeStaysWithinTheBound() {
    InputCache cache = new InputCache(1_000, 300);

    for (int i = 0; i < 20; i++) {
      cache.read("k" + i, 1_000, (key, max) -> object(key, 300));
    }

    assertThat(cache.weightedSize()).isBetween(1L, 1_000L);
  }

  @Test
  void failedReadIsNotCached() {
    InputCache cache = new InputCache(1_000, 100);

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(
              () ->
                  cache.read(
                      "gone",
                      1_000,
                      (key, max) -> {
                        reads.add(key);
                        throw new ObjectNotFoundException(key);
                      }))
          .isInstanceOf(ObjectNotFoundException.class);
    }
    assertThat(reads).containsExactly("gone", "gone");
  }

  @Test
  void zeroSizeTurnsTheCacheOff() {
    InputCache cache = new InputCache(0, 100);

    cache.read("a", 1_000, this::store);
    cache.read("a", 1_000, this::store);

    assertThat(reads).containsExactly("a", "a");
  }

  private byte[] store(String key, long maxBytes) {
    return object(key, 10);
  }

  private byte[] object(String key, int size) {
    reads.add(key);
    return new byte[size];
  }
}
