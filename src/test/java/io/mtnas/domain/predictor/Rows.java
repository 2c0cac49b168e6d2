package io.mtnas.domain.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtnas.domain.embedding.Embedder;
import io.mtnas.domain.embedding.Embedding;
import io.mtnas.domain.space.Architecture;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: a tiny transparent embedder, a recording regressor, NaN-aware row comparison. */
final class Rows {
  private Rows() {}

  /** Two coordinates: the code index and the operation of edge 0. */
  static final Embedder INDEX_EMBEDDER = new Embedder() {
    @Override
    public String id() {
      return "index";
    }

    @Override
    public int dimension() {
      return 2;
    }

    @Override
    public Embedding embed(Architecture a) {
      return new Embedding(new double[] {a.index(), a.operation(0)});
    }
  };

  /** Remembers every training set; its models answer a chosen column of each row. */
  static final class RecordingRegressor implements Regressor {
    final List<TrainingSet> sets = new ArrayList<>();
    final int column;
    private final int rowLimit;

    RecordingRegressor(int column) {
      this(column, Integer.MAX_VALUE);
    }

    RecordingRegressor(int column, int rowLimit) {
      this.column = column;
      this.rowLimit = rowLimit;
    }

    @Override
    public int rowLimit() {
      return rowLimit;
    }

    @Override
    public String id() {
      return "recording";
    }

    @Override
    public Model fit(TrainingSet data) {
      sets.add(data);
      return rows -> {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
          out[i] = rows[i][column];
        }
        return out;
      };
    }

    TrainingSet last() {
      return sets.get(sets.size() - 1);
    }
  }

  /** Element-wise equality, NaN equal to NaN, finite values within 1e-12. */
  static void assertRow(double[] actual, double... expected) {
    assertThat(actual).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      if (Double.isNaN(expected[i])) {
        assertThat(actual[i]).as("column %d of %s", i, java.util.Arrays.toString(actual)).isNaN();
      } else {
        assertThat(actual[i]).as("column %d of %s", i, java.util.Arrays.toString(actual))
            .isCloseTo(expected[i], within(1e-12));
      }
    }
  }
}
