package org.rigl.imagenet.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Golden values printed by CPython 3.11's {@code random} module. */
@Tag("fast")
class PythonRandomTest {
  @Test
  void getRandBitsMatchesCPython() {
    PythonRandom random = new PythonRandom(12345);
    assertEquals(List.of(1789368711L, 3146859322L, 43676229L), draws(random, 3));
    // Past the first 624 outputs, so the state is regenerated at least once.
    List<Long> later = draws(new PythonRandom(12345), 700).subList(697, 700);
    assertEquals(List.of(3709935576L, 2963416860L, 3582546135L), later);
    // A seed wider than 32 bits is two key words.
    assertEquals(List.of(2166296868L, 2220160828L, 1153647273L), draws(new PythonRandom((1L << 40) + 5), 3));
  }

  @Test
  void shuffleMatchesCPython() {
    assertEquals(List.of(8, 7, 3, 5, 1, 2, 9, 4, 0, 6), shuffled(12345, 10));
    assertEquals(List.of(1, 9, 8, 5, 10, 2, 3, 7, 4, 0, 11, 6), shuffled(0, 12));
    List<Integer> large = shuffled(12345, 100_000);
    assertEquals(List.of(82984, 52244, 467, 99316, 9728), large.subList(0, 5));
    assertEquals(List.of(48288, 39143, 1332, 96034, 54607), large.subList(99_995, 100_000));
  }

  private static List<Long> draws(PythonRandom random, int count) {
    List<Long> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      values.add(random.getRandBits(32));
    }
    return values;
  }

  private static List<Integer> shuffled(long seed, int size) {
    List<Integer> items = new ArrayList<>(IntStream.range(0, size).boxed().toList());
    new PythonRandom(seed).shuffle(items);
    return items;
  }
}
