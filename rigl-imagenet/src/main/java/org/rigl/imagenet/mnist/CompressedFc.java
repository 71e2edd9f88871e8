package org.rigl.imagenet.mnist;

import java.util.ArrayList;
import java.util.List;

/**
 * Port of {@code mnist_train_eval.get_compressed_fc}: the dense network a sparse MLP really is once
 * inputs without outgoing connections and neurons without incoming or outgoing ones are removed.
 */
public record CompressedFc(List<Double> sparsities, List<Integer> sizes) {

  /** {@code masks}: row-major [in, out] masks of consecutive layers. */
  public static CompressedFc of(List<float[]> masks, List<long[]> shapes) {
    List<boolean[][]> current = new ArrayList<>();
    for (int l = 0; l < masks.size(); l++) {
      int rows = (int) shapes.get(l)[0];
      int cols = (int) shapes.get(l)[1];
      boolean[][] m = new boolean[rows][cols];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          m[r][c] = masks.get(l)[r * cols + c] != 0;
        }
      }
      current.add(m);
    }
    current.set(0, keepRows(current.get(0), rowsWithAny(current.get(0))));
    List<boolean[][]> compressed = new ArrayList<>();
    for (int i = 0; i < current.size(); i++) {
      boolean[][] w = current.get(i);
      boolean[] keepColumns = columnsWithAny(w);
      if (i < current.size() - 1) {
        boolean[] nextRows = rowsWithAny(current.get(i + 1));
        for (int c = 0; c < keepColumns.length; c++) {
          keepColumns[c] &= nextRows[c];
        }
        current.set(i + 1, keepRows(current.get(i + 1), keepColumns));
      }
      compressed.add(keepColumns(w, keepColumns));
    }
    List<Double> sparsities = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    sizes.add(compressed.get(0).length);
    for (boolean[][] m : compressed) {
      long zeros = 0;
      long size = 0;
      for (boolean[] row : m) {
        for (boolean v : row) {
          zeros += v ? 0 : 1;
          size++;
        }
      }
      sparsities.add(size == 0 ? Double.NaN : (double) zeros / size);
      sizes.add(m.length == 0 ? 0 : m[0].length);
    }
    return new CompressedFc(sparsities, sizes);
  }

  /** The sparsities as Python prints a list of floats. */
  public String sparsitiesText() {
    return sparsities.stream().map(d -> d.isNaN() ? "nan" : Double.toString(d)).toList().toString();
  }

  private static boolean[] rowsWithAny(boolean[][] m) {
    boolean[] any = new boolean[m.length];
    for (int r = 0; r < m.length; r++) {
      for (boolean v : m[r]) {
        any[r] |= v;
      }
    }
    return any;
  }

  private static boolean[] columnsWithAny(boolean[][] m) {
    boolean[] any = new boolean[m.length == 0 ? 0 : m[0].length];
    for (boolean[] row : m) {
      for (int c = 0; c < row.length; c++) {
        any[c] |= row[c];
      }
    }
    return any;
  }

  private static boolean[][] keepRows(boolean[][] m, boolean[] keep) {
    List<boolean[]> rows = new ArrayList<>();
    for (int r = 0; r < m.length; r++) {
      if (keep[r]) {
        rows.add(m[r]);
      }
    }
    return rows.toArray(new boolean[0][]);
  }

  private static boolean[][] keepColumns(boolean[][] m, boolean[] keep) {
    int count = 0;
    for (boolean k : keep) {
      count += k ? 1 : 0;
    }
    boolean[][] out = new boolean[m.length][count];
    for (int r = 0; r < m.length; r++) {
      int j = 0;
      for (int c = 0; c < keep.length; c++) {
        if (keep[c]) {
          out[r][j++] = m[r][c];
        }
      }
    }
    return out;
  }
}
