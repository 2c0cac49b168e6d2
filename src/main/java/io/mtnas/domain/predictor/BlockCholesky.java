package io.mtnas.domain.predictor;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;

/**
 * The lower Cholesky factor L (L L^T = K) of a symmetric positive definite matrix K that grows by
 * appended rows, computed in blocks of {@link #BLOCK} rows counted from the first row and stored in
 * an EJML matrix. Block [s, e) takes the rows above it as given:
 *
 * <ol>
 *   <li>its panel solves L[s:e, 0:s] L[0:s, 0:s]^T = K[s:e, 0:s], one forward substitution with the
 *       block's rows as right-hand sides: {@link #forwardSubstitute}, written out here (below);
 *   <li>the Schur complement K[s:e, s:e] - L[s:e, 0:s] L[s:e, 0:s]^T is EJML's {@code
 *       CommonOps_DDRM.multAddTransA(-1, P, P, S)} on the solved panel P = L[s:e, 0:s]^T;
 *   <li>the block's diagonal part is EJML's Cholesky of that complement, {@code
 *       CholeskyDecompositionInner_DDRM} (what {@code DecompositionFactory_DDRM.chol} picks for a
 *       matrix this small).
 * </ol>
 *
 * K^-1 y is EJML's triangular solves ({@code TriangularSolver_DDRM.solveL} and {@code solveTranL}).
 *
 * <p>Not bit for bit the hand-written row-by-row Cholesky this replaced (ReferenceGaussianProcess
 * in the tests): EJML's Cholesky multiplies by the reciprocal of the diagonal where that one
 * divided by it, so entries differ by a few ulps (within 1e-13 in BlockCholeskyTest) and the
 * Gaussian process's scores by up to about 2e-12 relative (GaussianProcessEquivalenceTest holds
 * them to 1e-9).
 *
 * <p>Near-singular matrices: the hand-written Cholesky floored every pivot at 1e-12 (a diagonal at
 * least {@link #MIN_DIAGONAL} = sqrt(1e-12)) and so never failed. EJML's has no floor: it reports
 * failure on a pivot of 0 or less and takes any positive one. A diagonal block that EJML cannot
 * factor, or whose factor has a diagonal entry below {@link #MIN_DIAGONAL}, is therefore factored
 * again with {@link #JITTER} (1e-12) added to its Schur complement's diagonal, ten times more on
 * each further try, until it passes; L L^T is then K plus that jitter on the block's diagonal (the
 * old code instead raised the offending pivots alone). A singular matrix (duplicate rows, no noise)
 * still factors, with L L^T within about the jitter of K; only an infinite entry makes it throw. The
 * Gaussian process's K includes noise I, so every pivot is at least the noise (1.0 by default) and
 * the jitter is only reached with a noise below 1e-12.
 *
 * <p>{@link #extend} keeps the complete blocks of a factor whose matrix shares its leading rows and
 * computes the rest, which is the arithmetic a factorisation from scratch does for those blocks
 * (jitter included: it depends only on the block's own complement): the two agree bit for bit, so
 * what was factored before never changes a result.
 *
 * <p>The multi-right-hand-side forward substitution (the panels here, and the scoring of
 * candidates in GaussianProcessRegressor) is written out, not taken from EJML, because it is
 * faster. For a 600-row factor and 1,044 right-hand sides in panels of 256, each way timed in the
 * same run (ForwardSubstitutionBenchmark, median of 15 rounds, two runs on the 2-core machine,
 * 2026-12-07; docs/benchmarks.md section 10), this one took 21.9 / 25.5 ms; EJML's block solver
 * {@code TriangularSolver_DDRB.lsolve} 67.1 / 76.1 ms (the factor converted to 64-blocks once,
 * untimed); EJML's vector {@code TriangularSolver_DDRM.solveL} once per candidate, on the
 * transposed layout, 151.3 / 157.2 ms; and its {@code TriangularSolver_DDRM.solveL(L, B, m, n)} on
 * the panel as one row-major array 314.5 / 333.3 ms. The likely reason: EJML's keep the right-hand
 * sides in one array (or, per candidate, reduce a dot product in order), while this one keeps each
 * row in its own array and updates a whole row of right-hand sides per entry of L, a loop the JIT
 * vectorises.
 */
final class BlockCholesky {
  /** Rows per block: the width of a panel's right-hand sides. */
  static final int BLOCK = 64;
  /** The least diagonal entry of the factor: the square root of the old pivot floor, 1e-12. */
  static final double MIN_DIAGONAL = Math.sqrt(1e-12);
  /** The first jitter added to a diagonal block's diagonal when it does not factor (see {@link #factorDiagonal}). */
  static final double JITTER = 1e-12;

  /** Entry (i, j), j <= i, of the matrix being factored. */
  @FunctionalInterface
  interface Entries {
    double at(int i, int j);
  }

  private final DMatrixRMaj lower;

  private BlockCholesky(DMatrixRMaj lower) {
    this.lower = lower;
  }

  /** The factor of the n x n matrix {@code k}. */
  static BlockCholesky of(int n, Entries k) {
    return extend(null, 0, n, k);
  }

  /**
   * The factor of the n x n matrix {@code k}, reusing {@code previous} for the complete blocks within
   * its first {@code sharedRows} rows (rows in which the two matrices agree).
   */
  static BlockCholesky extend(BlockCholesky previous, int sharedRows, int n, Entries k) {
    if (previous != null && sharedRows >= n && previous.size() == n) {
      return previous;
    }
    int kept = previous == null ? 0 : Math.min(sharedRows, Math.min(n, previous.size())) / BLOCK * BLOCK;
    DMatrixRMaj l = new DMatrixRMaj(n, n);
    for (int i = 0; i < kept; i++) {
      System.arraycopy(previous.lower.data, i * previous.size(), l.data, i * n, i + 1);
    }
    for (int s = kept; s < n; s += BLOCK) {
      factorBlock(l, s, Math.min(n, s + BLOCK), k);
    }
    return new BlockCholesky(l);
  }

  int size() {
    return lower.numRows;
  }

  /** L[i][j]. */
  double get(int i, int j) {
    return lower.unsafe_get(i, j);
  }

  /** K^-1 y, by EJML's forward and backward substitution. */
  double[] solve(double[] y) {
    double[] v = y.clone();
    TriangularSolver_DDRM.solveL(lower.data, v, size());
    TriangularSolver_DDRM.solveTranL(lower.data, v, size());
    return v;
  }

  /**
   * Solves L[0:rows, 0:rows] X = B in place for all right-hand sides at once; {@code b[i]} holds entry
   * i of every right-hand side. Each entry is computed as in a forward substitution of its own column
   * (subtract L[i][k] x[k] for k = 0, 1, ..., then divide by L[i][i]), so the result does not depend
   * on which other columns are solved with it.
   */
  void forwardSubstitute(double[][] b, int rows) {
    forwardSubstitute(lower, b, rows);
  }

  private static void forwardSubstitute(DMatrixRMaj l, double[][] b, int rows) {
    double[] ld = l.data;
    int stride = l.numCols;
    for (int i = 0; i < rows; i++) {
      double[] bi = b[i];
      int width = bi.length;
      int row = i * stride;
      int k = 0;
      for (; k + 4 <= i; k += 4) {
        double l0 = ld[row + k];
        double l1 = ld[row + k + 1];
        double l2 = ld[row + k + 2];
        double l3 = ld[row + k + 3];
        double[] b0 = b[k];
        double[] b1 = b[k + 1];
        double[] b2 = b[k + 2];
        double[] b3 = b[k + 3];
        for (int j = 0; j < width; j++) {
          bi[j] = bi[j] - l0 * b0[j] - l1 * b1[j] - l2 * b2[j] - l3 * b3[j];
        }
      }
      for (; k < i; k++) {
        double lk = ld[row + k];
        double[] bk = b[k];
        for (int j = 0; j < width; j++) {
          bi[j] = bi[j] - lk * bk[j];
        }
      }
      double diagonal = ld[row + i];
      for (int j = 0; j < width; j++) {
        bi[j] = bi[j] / diagonal;
      }
    }
  }

  /** Rows [s, e) of L, given rows [0, s). */
  private static void factorBlock(DMatrixRMaj l, int s, int e, Entries k) {
    int b = e - s;
    // panel: column q of p is row s + q of K left of the block; solved, row s + q of L left of it
    double[][] p = new double[s][b];
    for (int i = 0; i < s; i++) {
      for (int q = 0; q < b; q++) {
        p[i][q] = k.at(s + q, i);
      }
    }
    forwardSubstitute(l, p, s);
    // the Schur complement K[s:e, s:e] - P^T P, P = L[s:e, 0:s]^T the solved panel, by EJML
    DMatrixRMaj schur = new DMatrixRMaj(b, b);
    for (int a = 0; a < b; a++) {
      for (int c = 0; c <= a; c++) {
        double v = k.at(s + a, s + c);
        schur.data[a * b + c] = v;
        schur.data[c * b + a] = v;
      }
    }
    if (s > 0) {
      DMatrixRMaj panel = new DMatrixRMaj(s, b);
      for (int i = 0; i < s; i++) {
        System.arraycopy(p[i], 0, panel.data, i * b, b);
      }
      CommonOps_DDRM.multAddTransA(-1, panel, panel, schur);
    }
    DMatrixRMaj diagonal = factorDiagonal(schur);
    for (int q = 0; q < b; q++) {
      int row = (s + q) * l.numCols;
      for (int i = 0; i < s; i++) {
        l.data[row + i] = p[i][q];
      }
      System.arraycopy(diagonal.data, q * b, l.data, row + s, q + 1);
    }
  }

  /**
   * EJML's Cholesky factor of a diagonal block's Schur complement {@code schur}, with every diagonal
   * entry at least {@link #MIN_DIAGONAL}. Where EJML finds the block not positive definite, or a
   * diagonal entry comes out below that floor, the block is factored again with {@link #JITTER}
   * added to its diagonal, ten times more on each further try, until it passes.
   */
  private static DMatrixRMaj factorDiagonal(DMatrixRMaj schur) {
    int b = schur.numRows;
    double bound = b * CommonOps_DDRM.elementMaxAbs(schur) + 1; // any larger jitter makes it diagonally dominant
    CholeskyDecompositionInner_DDRM chol = new CholeskyDecompositionInner_DDRM(true);
    for (double jitter = 0; ; jitter = jitter == 0 ? JITTER : jitter * 10) {
      DMatrixRMaj t = schur.copy();
      for (int a = 0; a < b; a++) {
        t.data[a * b + a] += jitter;
      }
      if (chol.decompose(t) && diagonalAtLeast(t, MIN_DIAGONAL)) {
        return t;
      }
      if (jitter > bound) {
        throw new IllegalArgumentException("a diagonal block does not factor, even with jitter " + jitter
            + " on its diagonal (an entry of the matrix is infinite?)");
      }
    }
  }

  /** Whether no diagonal entry of {@code t} is below {@code floor} (NaN passes, as it did before). */
  private static boolean diagonalAtLeast(DMatrixRMaj t, double floor) {
    for (int a = 0; a < t.numRows; a++) {
      if (t.data[a * t.numCols + a] < floor) {
        return false;
      }
    }
    return true;
  }
}
