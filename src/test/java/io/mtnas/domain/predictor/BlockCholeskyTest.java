package io.mtnas.domain.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlockCholeskyTest {
  /** A random symmetric positive definite n x n matrix: A A^T / n + I. */
  private static double[][] spd(SplittableRandom rng, int n) {
    double[][] a = new double[n][n];
    for (double[] row : a) {
      for (int j = 0; j < n; j++) {
        row[j] = rng.nextDouble() - 0.5;
      }
    }
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += a[i][k] * a[j][k];
        }
        m[i][j] = s / n + (i == j ? 1 : 0);
      }
    }
    return m;
  }

  private static BlockCholesky.Entries entries(double[][] m) {
    return (i, j) -> m[i][j];
  }

  private static void assertBitForBit(BlockCholesky actual, BlockCholesky expected) {
    assertThat(actual.size()).isEqualTo(expected.size());
    for (int i = 0; i < actual.size(); i++) {
      for (int j = 0; j < actual.size(); j++) {
        assertThat(Double.doubleToRawLongBits(actual.get(i, j)))
            .as("L[%d][%d]", i, j).isEqualTo(Double.doubleToRawLongBits(expected.get(i, j)));
      }
    }
  }

  @Test
  void factorsASymmetricPositiveDefiniteMatrixAcrossSeveralBlocksAsTheRowByRowCholeskyDoes() {
    int n = 3 * BlockCholesky.BLOCK + 17;
    double[][] m = spd(new SplittableRandom(1), n);
    BlockCholesky l = BlockCholesky.of(n, entries(m));
    double[][] reference = ReferenceGaussianProcess.cholesky(m);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += l.get(i, k) * l.get(j, k);
        }
        assertThat(s).as("(L L^T)[%d][%d]", i, j).isCloseTo(m[i][j], within(1e-12));
        // EJML's diagonal blocks multiply by the diagonal's reciprocal: a few ulps off the division
        assertThat(l.get(i, j)).as("L[%d][%d] against the hand-written factor", i, j)
            .isCloseTo(reference[i][j], within(1e-13 * Math.max(1, Math.abs(reference[i][j]))));
        if (j > i) {
          assertThat(l.get(i, j)).isZero();
        }
      }
    }
  }

  @Test
  void solvesTheSystemAndEveryRightHandSideOfAForwardSubstitution() {
    int n = 150;
    SplittableRandom rng = new SplittableRandom(2);
    double[][] m = spd(rng, n);
    BlockCholesky l = BlockCholesky.of(n, entries(m));
    double[] y = rng.doubles(n).toArray();
    double[] x = l.solve(y);
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int k = 0; k < n; k++) {
        s += m[i][k] * x[k];
      }
      assertThat(s).isCloseTo(y[i], within(1e-12));
    }
    // seven right-hand sides at once equal each solved alone, bit for bit
    int width = 7;
    double[][] b = new double[n][width];
    for (double[] row : b) {
      for (int q = 0; q < width; q++) {
        row[q] = rng.nextDouble();
      }
    }
    double[][] together = new double[n][];
    for (int i = 0; i < n; i++) {
      together[i] = b[i].clone();
    }
    l.forwardSubstitute(together, n);
    double[][] lower = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        lower[i][j] = l.get(i, j);
      }
    }
    for (int q = 0; q < width; q++) {
      double[][] alone = new double[n][1];
      double[] column = new double[n];
      for (int i = 0; i < n; i++) {
        alone[i][0] = b[i][q];
        column[i] = b[i][q];
      }
      l.forwardSubstitute(alone, n);
      double[] reference = ReferenceGaussianProcess.forward(lower, column);
      for (int i = 0; i < n; i++) {
        assertThat(together[i][q]).isEqualTo(alone[i][0]).isEqualTo(reference[i]);
      }
    }
  }

  @Test
  void extendingAFactorGivesTheFactorComputedAtOnceBitForBit() {
    int n = 4 * BlockCholesky.BLOCK + 9;
    double[][] m = spd(new SplittableRandom(3), n);
    BlockCholesky whole = BlockCholesky.of(n, entries(m));
    for (int first : new int[] {1, 40, BlockCholesky.BLOCK, BlockCholesky.BLOCK + 1, 2 * BlockCholesky.BLOCK + 30}) {
      BlockCholesky prefix = BlockCholesky.of(first, entries(m));
      assertBitForBit(BlockCholesky.extend(prefix, first, n, entries(m)), whole);
    }
    // and step by step, a few rows at a time
    BlockCholesky grown = null;
    for (int size = 5; size <= n; size = Math.min(n, size + 23)) {
      grown = BlockCholesky.extend(grown, grown == null ? 0 : grown.size(), size, entries(m));
      assertBitForBit(grown, BlockCholesky.of(size, entries(m)));
      if (size == n) {
        break;
      }
    }
  }

  @Test
  void onlyTheSharedRowsAreReusedAndAnIdenticalMatrixReusesAll() {
    int n = 3 * BlockCholesky.BLOCK;
    SplittableRandom rng = new SplittableRandom(4);
    double[][] m = spd(rng, n);
    double[][] other = spd(rng, n);
    // other shares m's first 100 rows (and columns), then differs
    for (int i = 0; i < 100; i++) {
      for (int j = 0; j < 100; j++) {
        other[i][j] = m[i][j];
      }
    }
    BlockCholesky first = BlockCholesky.of(n, entries(m));
    assertBitForBit(BlockCholesky.extend(first, 100, n, entries(other)), BlockCholesky.of(n, entries(other)));
    assertThat(BlockCholesky.extend(first, n, n, entries(m))).isSameAs(first);
    BlockCholesky partial = BlockCholesky.of(n - 5, entries(m)); // ends inside a block
    assertThat(BlockCholesky.extend(partial, n - 5, n - 5, entries(m))).isSameAs(partial);
    // a smaller matrix whose rows are the first of the factored one
    assertBitForBit(BlockCholesky.extend(first, 150, 150, entries(m)), BlockCholesky.of(150, entries(m)));
  }

  /** exp(-|x_i - x_j|) of points with many repeats: singular, so its pivots cancel to rounding noise. */
  private static double[][] duplicateRows(int n) {
    SplittableRandom rng = new SplittableRandom(5);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i < 7 || rng.nextInt(3) == 0 ? rng.nextInt(5) : x[rng.nextInt(i)]; // a third new, the rest repeats
    }
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = Math.exp(-Math.abs(x[i] - x[j]));
      }
    }
    return m;
  }

  @Test
  void aSingularKernelWithDuplicateRowsStillFactorsWithTheDiagonalFloored() {
    int n = 2 * BlockCholesky.BLOCK + 30;
    double[][] m = duplicateRows(n);
    BlockCholesky l = BlockCholesky.of(n, entries(m));
    for (int i = 0; i < n; i++) {
      assertThat(l.get(i, i)).as("L[%d][%d]", i, i).isGreaterThanOrEqualTo(BlockCholesky.MIN_DIAGONAL);
      for (int j = 0; j <= i; j++) {
        assertThat(l.get(i, j)).as("L[%d][%d]", i, j).isFinite();
        double s = 0;
        for (int k = 0; k <= j; k++) {
          s += l.get(i, k) * l.get(j, k);
        }
        // the jitter (1e-12 upward) moves L L^T off K by no more than the floor's order
        assertThat(s).as("(L L^T)[%d][%d]", i, j).isCloseTo(m[i][j], within(1e-9));
      }
    }
    // so does a factor extended over it, bit for bit as the one computed at once
    assertBitForBit(BlockCholesky.extend(BlockCholesky.of(BlockCholesky.BLOCK + 3, entries(m)), n, n, entries(m)), l);
    double[] x = l.solve(new double[n]);
    assertThat(x).containsOnly(0.0);
  }

  @Test
  void aMatrixThatIsNotPositiveDefiniteFactorsWithJitterInsteadOfFailing() {
    double[][] m = {{1, 2}, {2, 1}}; // eigenvalues 3 and -1
    BlockCholesky l = BlockCholesky.of(2, entries(m));
    assertThat(l.get(0, 0)).isFinite().isGreaterThanOrEqualTo(BlockCholesky.MIN_DIAGONAL);
    assertThat(l.get(1, 1)).isFinite().isGreaterThanOrEqualTo(BlockCholesky.MIN_DIAGONAL);
    assertThat(l.get(1, 0)).isFinite();
  }
}
