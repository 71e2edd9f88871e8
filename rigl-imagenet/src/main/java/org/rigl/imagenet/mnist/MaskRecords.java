package org.rigl.imagenet.mnist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rigl.core.io.NpzWriter;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.train.loop.TrainingListener;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * mnist_train_eval.py's {@code --mask_record_frequency}: every mask, as booleans, at every
 * {@code frequency}-th training iteration, saved at the end as {@value #FILE_NAME} under keys
 * {@code "<iteration>/<mask name>"}. The reference pickles a dict with {@code np.save}, which Java
 * cannot reasonably write; {@code np.load} reads this archive.
 */
final class MaskRecords implements TrainingListener<MnistSession, MnistEvaluation> {
  static final String FILE_NAME = "mask_records.npz";

  private record Record(String key, long[] shape, boolean[] values) {}

  private final long frequency;
  private final Path savePath;
  private final List<Record> records = new ArrayList<>();

  /** {@code frequency} 0 (or less) records nothing, as the reference; the records go to {@code savePath} at the end. */
  MaskRecords(long frequency, Path savePath) {
    this.frequency = frequency;
    this.savePath = savePath;
  }

  @Override
  public void beforeStep(MnistSession s, long iteration) {
    if (isDue(iteration)) {
      record(iteration, s.session(), s.masks());
    }
  }

  @Override
  public void finished(MnistSession s, long step) throws IOException {
    writeTo(savePath);
  }

  /** Whether {@code iteration} (counted from 0, before its train op runs) is recorded. */
  boolean isDue(long iteration) {
    return frequency > 0 && iteration % frequency == 0;
  }

  /** Records every mask's current value, fetched in one run. */
  void record(long iteration, Session session, MaskRegistry masks) {
    List<MaskedWeights> layers = masks.layers();
    Session.Runner runner = session.runner();
    layers.forEach(layer -> runner.fetch(layer.mask()));
    try (Result result = runner.run()) {
      for (int l = 0; l < layers.size(); l++) {
        TFloat32 mask = (TFloat32) result.get(l);
        float[] floats = new float[Math.toIntExact(mask.size())];
        mask.copyTo(DataBuffers.of(floats, false, false));
        boolean[] values = new boolean[floats.length];
        for (int i = 0; i < floats.length; i++) {
          values[i] = floats[i] != 0;
        }
        records.add(new Record(iteration + "/" + layers.get(l).maskName(), mask.shape().asArray(), values));
      }
    }
  }

  /** Writes {@value #FILE_NAME} into {@code dir} if anything was recorded. */
  void writeTo(Path dir) throws IOException {
    if (records.isEmpty()) {
      return;
    }
    try (NpzWriter npz = NpzWriter.create(dir.resolve(FILE_NAME))) {
      for (Record r : records) {
        npz.putBooleans(r.key(), r.shape(), r.values());
      }
      npz.commit();
    }
  }
}
