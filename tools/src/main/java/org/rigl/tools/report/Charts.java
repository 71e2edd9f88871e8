package org.rigl.tools.report;

import org.rigl.core.io.DurableFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG charts for reports (JFreeChart), each written atomically. */
public final class Charts {
  private static final int WIDTH = 720;
  private static final int HEIGHT = 420;
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x555555), new Color(0xff7f0e),
    new Color(0x9467bd)
  };

  private Charts() {}

  /** One (x, y) series per name, as lines with markers. */
  public static void lines(Path png, String title, String xLabel, String yLabel, Map<String, List<double[]>> series)
      throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
      XYSeries s = new XYSeries(e.getKey());
      for (double[] point : e.getValue()) {
        s.add(point[0], point[1]);
      }
      data.addSeries(s);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      renderer.setSeriesStroke(i, new BasicStroke(2f));
      renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
    }
    plot.setRenderer(renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    save(png, chart);
  }

  /** Grouped bars: value[group][category]. */
  public static void bars(Path png, String title, String categoryLabel, String valueLabel, Map<String, Map<String, Double>> groups)
      throws IOException {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    groups.forEach((group, values) -> values.forEach((category, v) -> data.addValue(v, group, category)));
    JFreeChart chart = ChartFactory.createBarChart(title, categoryLabel, valueLabel, data, PlotOrientation.VERTICAL, true, false, false);
    chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
    for (int i = 0; i < data.getRowCount(); i++) {
      chart.getCategoryPlot().getRenderer().setSeriesPaint(i, PALETTE[i % PALETTE.length]);
    }
    chart.getCategoryPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
    save(png, chart);
  }

  /** A heat map of a row-major {@code rows x cols} grid, white (0) to dark blue (max), scaled up. */
  public static void heatmap(Path png, float[] values, int rows, int cols, int scale, float max) throws IOException {
    BufferedImage image = new BufferedImage(cols * scale, rows * scale, BufferedImage.TYPE_INT_RGB);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        float t = max <= 0 ? 0 : Math.min(1f, values[r * cols + c] / max);
        int red = Math.round(255 * (1 - t));
        int green = Math.round(255 * (1 - 0.8f * t));
        int rgb = (red << 16) | (green << 8) | 255 - Math.round(100 * t);
        for (int dy = 0; dy < scale; dy++) {
          for (int dx = 0; dx < scale; dx++) {
            image.setRGB(c * scale + dx, r * scale + dy, rgb);
          }
        }
      }
    }
    DurableFiles.replace(png, tmp -> ImageIO.write(image, "png", tmp.toFile()));
  }

  private static void save(Path png, JFreeChart chart) throws IOException {
    DurableFiles.replace(png, tmp -> ChartUtils.saveChartAsPNG(tmp.toFile(), chart, WIDTH, HEIGHT));
  }
}
