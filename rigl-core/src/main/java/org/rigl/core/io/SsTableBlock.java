package org.rigl.core.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rigl.core.io.ByteCursor.MalformedException;

/**
 * Decodes one uncompressed LevelDB table block: entries of {@code varint32 shared, varint32
 * non_shared, varint32 value_length, key suffix, value}, where each key reuses the first {@code
 * shared} bytes of the previous key; then a restart array of fixed32 entry offsets (points where
 * {@code shared} is 0, for binary search) and its fixed32 length. We read every entry in order, so
 * the restarts are only checked, not used.
 */
final class SsTableBlock {
  /** One key/value pair of a table. */
  record Entry(byte[] key, byte[] value) {}

  private SsTableBlock() {}

  static List<Entry> entries(byte[] block) throws MalformedException {
    if (block.length < 4) {
      throw new MalformedException("block of " + block.length + " bytes has no restart count");
    }
    long restartCount = ByteCursor.fixed32(block, block.length - 4) & 0xffffffffL;
    long maxRestarts = (block.length - 4) / 4;
    if (restartCount > maxRestarts) {
      throw new MalformedException(
          "block of " + block.length + " bytes claims " + restartCount + " restart points");
    }
    int restartsStart = (int) (block.length - 4 - restartCount * 4);
    checkRestarts(block, restartsStart, (int) restartCount);

    List<Entry> entries = new ArrayList<>();
    if (restartCount == 0) {
      return entries; // LevelDB treats a block without restart points as empty.
    }
    ByteCursor cursor = new ByteCursor(block, 0, restartsStart);
    byte[] previousKey = new byte[0];
    while (cursor.remaining() > 0) {
      int shared = cursor.varint32();
      int unshared = cursor.varint32();
      int valueLength = cursor.varint32();
      if (shared > previousKey.length) {
        throw new MalformedException(
            "entry shares " + shared + " bytes with a previous key of " + previousKey.length);
      }
      int keySuffix = cursor.skip(unshared);
      int value = cursor.skip(valueLength);
      byte[] key = Arrays.copyOf(previousKey, shared + unshared);
      System.arraycopy(block, keySuffix, key, shared, unshared);
      entries.add(new Entry(key, Arrays.copyOfRange(block, value, value + valueLength)));
      previousKey = key;
    }
    return entries;
  }

  private static void checkRestarts(byte[] block, int restartsStart, int restartCount)
      throws MalformedException {
    for (int i = 0; i < restartCount; i++) {
      long restart = ByteCursor.fixed32(block, restartsStart + 4 * i) & 0xffffffffL;
      if (restart != 0 && restart >= restartsStart) {
        throw new MalformedException(
            "restart point " + i + " at offset " + restart + " lies past the entries");
      }
    }
  }
}
