package io.mtnas.domain.predictor;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRBlock;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DSubmatrixD1;
import org.ejml.dense.block.MatrixOps_DDRB;
import org.ejml.dense.block.TriangularSolver_DDRB;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;

/**
 * The forward substitution of {@link GaussianProcessRegressor}'s scoring, L^-1 K* for a 600-row
 * factor and 1,044 candidates (ktnas-gp's pool) in panels of {@link GaussianProcessRegressor#PANEL}
 * as the regressor does, four ways (a benchmark, not a test): {@link BlockCholesky#forwardSubstitute}
 * (hand-written, each row in its own array); EJML's {@code TriangularSolver_DDRM.solveL(L, B, m, n)}
 * on the panel as one row-major array; EJML's vector {@code TriangularSolver_DDRM.solveL(L, b, n)}
 * once per candidate, on the transposed layout (each candidate's kernel column contiguous, built
 * that way, so no transposition is timed); and EJML's block solver {@code
 * TriangularSolver_DDRB.lsolve} (factor converted to 64-blocks once, untimed; each panel converted,
 * timed). Median of 15 rounds after 5 warm-up rounds, ms for all 1,044 candidates; the largest
 * difference from the hand-written result is printed as a check. Run: {@code java -cp
 * target/test-classes:target/classes:$(cat target/cp.txt)
 * io.mtnas.domain.predictor.ForwardSubstitutionBenchmark [rows [candidates]]}.
 */
public final class ForwardSubstitutionBenchmark {
  private ForwardSubstitutionBenchmark() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 600;
    int m = args.length > 1 ? Integer.parseInt(args[1]) : 1044;
    int panel = GaussianProcessRegressor.PANEL;
    SplittableRandom rng = new SplittableRandom(1);
    // one-hot cells of 6 edges x 5 ops: the GP kernel exp(-d / 2) of their Hamming distance, noise 1
    int[][] train = cells(rng, n);
    int[][] cand = cells(rng, m);
    BlockCholesky chol = BlockCholesky.of(n, (i, j) -> kernel(train[i], train[j]) + (i == j ? 1 : 0));
    DMatrixRMaj l = new DMatrixRMaj(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        l.unsafe_set(i, j, chol.get(i, j));
      }
    }
    DMatrixRBlock lBlock = MatrixOps_DDRB.convert(l, BlockCholesky.BLOCK);
    double[][] k = new double[n][m]; // k[i][q]: kernel of training row i and candidate q
    for (int i = 0; i < n; i++) {
      for (int q = 0; q < m; q++) {
        k[i][q] = kernel(train[i], cand[q]);
      }
    }
    double[][] reference = handWritten(chol, k, n, m, panel);
    double[] hand = new double[15];
    double[] rowMajor = new double[15];
    double[] perCandidate = new double[15];
    double[] block = new double[15];
    double[] diff = new double[3];
    for (int round = -5; round < 15; round++) {
      long t0 = System.nanoTime();
      double[][] a = handWritten(chol, k, n, m, panel);
      long t1 = System.nanoTime();
      double[][] b = ejmlRowMajor(l, k, n, m, panel);
      long t2 = System.nanoTime();
      double[][] c = ejmlPerCandidate(l, k, n, m);
      long t3 = System.nanoTime();
      double[][] d = ejmlBlock(lBlock, k, n, m, panel);
      long t4 = System.nanoTime();
      if (round >= 0) {
        hand[round] = (t1 - t0) / 1e6;
        rowMajor[round] = (t2 - t1) / 1e6;
        perCandidate[round] = (t3 - t2) / 1e6;
        block[round] = (t4 - t3) / 1e6;
      }
      diff[0] = Math.max(diff[0], maxDiff(b, reference) + maxDiff(a, reference));
      diff[1] = Math.max(diff[1], maxDiff(c, reference));
      diff[2] = Math.max(diff[2], maxDiff(d, reference));
    }
    System.out.printf(Locale.ROOT, "%d rows, %d candidates in panels of %d, ms (median of 15):%n", n, m, panel);
    System.out.printf(Locale.ROOT, "hand-written BlockCholesky.forwardSubstitute   %8.1f%n", median(hand));
    System.out.printf(Locale.ROOT, "EJML TriangularSolver_DDRM.solveL(L, B, m, n)  %8.1f  (max |diff| %.1e)%n",
        median(rowMajor), diff[0]);
    System.out.printf(Locale.ROOT, "EJML TriangularSolver_DDRM.solveL per candidate %7.1f  (max |diff| %.1e)%n",
        median(perCandidate), diff[1]);
    System.out.printf(Locale.ROOT, "EJML TriangularSolver_DDRB.lsolve, 64-blocks   %8.1f  (max |diff| %.1e)%n",
        median(block), diff[2]);
  }

  private static int[][] cells(SplittableRandom rng, int count) {
    int[][] cells = new int[count][6];
    for (int[] c : cells) {
      for (int e = 0; e < 6; e++) {
        c[e] = rng.nextInt(5);
      }
    }
    return cells;
  }

  private static double kernel(int[] a, int[] b) {
    int d = 0;
    for (int e = 0; e < a.length; e++) {
      d += a[e] == b[e] ? 0 : 2;
    }
    return Math.exp(-d / 2.0);
  }

  /** Result as [i][q]: entry i of candidate q's solution. */
  private static double[][] handWritten(BlockCholesky chol, double[][] k, int n, int m, int panel) {
    double[][] out = new double[n][m];
    for (int from = 0; from < m; from += panel) {
      int width = Math.min(panel, m - from);
      double[][] b = new double[n][];
      for (int i = 0; i < n; i++) {
        b[i] = Arrays.copyOfRange(k[i], from, from + width);
      }
      chol.forwardSubstitute(b, n);
      for (int i = 0; i < n; i++) {
        System.arraycopy(b[i], 0, out[i], from, width);
      }
    }
    return out;
  }

  private static double[][] ejmlRowMajor(DMatrixRMaj l, double[][] k, int n, int m, int panel) {
    double[][] out = new double[n][m];
    for (int from = 0; from < m; from += panel) {
      int width = Math.min(panel, m - from);
      double[] b = new double[n * width];
      for (int i = 0; i < n; i++) {
        System.arraycopy(k[i], from, b, i * width, width);
      }
      TriangularSolver_DDRM.solveL(l.data, b, n, width);
      for (int i = 0; i < n; i++) {
        System.arraycopy(b, i * width, out[i], from, width);
      }
    }
    return out;
  }

  private static double[][] ejmlPerCandidate(DMatrixRMaj l, double[][] k, int n, int m) {
    // the transposed layout, as the kernel would be built for it: untimed here
    double[][] columns = COLUMNS.get(k);
    double[][] out = new double[n][m];
    for (int q = 0; q < m; q++) {
      double[] v = columns[q].clone();
      TriangularSolver_DDRM.solveL(l.data, v, n);
      for (int i = 0; i < n; i++) {
        out[i][q] = v[i];
      }
    }
    return out;
  }

  /** k transposed, computed once per k and reused (so not part of the per-candidate timing). */
  private static final class Columns {
    private double[][] source;
    private double[][] columns;

    double[][] get(double[][] k) {
      if (source != k) {
        source = k;
        columns = new double[k[0].length][k.length];
        for (int i = 0; i < k.length; i++) {
          for (int q = 0; q < k[0].length; q++) {
            columns[q][i] = k[i][q];
          }
        }
      }
      return columns;
    }
  }

  private static final Columns COLUMNS = new Columns();

  private static double[][] ejmlBlock(DMatrixRBlock l, double[][] k, int n, int m, int panel) {
    double[][] out = new double[n][m];
    for (int from = 0; from < m; from += panel) {
      int width = Math.min(panel, m - from);
      DMatrixRMaj b = new DMatrixRMaj(n, width);
      for (int i = 0; i < n; i++) {
        System.arraycopy(k[i], from, b.data, i * width, width);
      }
      DMatrixRBlock bBlock = MatrixOps_DDRB.convert(b, BlockCholesky.BLOCK);
      TriangularSolver_DDRB.lsolve(BlockCholesky.BLOCK, false, new DSubmatrixD1(l), new DSubmatrixD1(bBlock), false);
      MatrixOps_DDRB.convert(bBlock, b);
      for (int i = 0; i < n; i++) {
        System.arraycopy(b.data, i * width, out[i], from, width);
      }
    }
    return out;
  }

  private static double maxDiff(double[][] a, double[][] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      for (int q = 0; q < a[i].length; q++) {
        d = Math.max(d, Math.abs(a[i][q] - b[i][q]));
      }
    }
    return d;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
