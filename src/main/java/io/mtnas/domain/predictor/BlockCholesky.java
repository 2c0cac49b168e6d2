package io.mtnas.domain.predictor;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;

/**
 * The lower Cholesky factor L (L L^T = K) of a symmetric positive definite matrix K that grows by
 * appended rows, computed in blocks of {@link #BLOCK} rows counted from the first row. Block [s, e)
 * takes the rows above it as given: its panel solves L[s:e, 0:s] L[0:s, 0:s]^T = K[s:e, 0:s] (one
 * forward substitution with the block's rows as right-hand sides), then its diagonal part factors
 * the Schur complement K[s:e, s:e] - L[s:e, 0:s] L[s:e, 0:s]^T. Stored in an EJML matrix; K^-1 y is
 * EJML's triangular solves.
 *
 * <p>Every entry is the arithmetic of the textbook row-by-row factorisation (L[i][j] = (K[i][j] -
 * sum over k < j of L[i][k] L[j][k], subtracted in order of k) / L[j][j], the diagonal the square
 * root of that sum, at least 1e-12), only reordered between entries: the factor is bit for bit the
 * one of the hand-written Cholesky this replaced (ReferenceGaussianProcess in the tests), and so are
 * the Gaussian process's scores. The diagonal blocks are therefore not EJML's {@code
 * CholeskyDecomposition_F64}, which multiplies by the reciprocal of the diagonal instead of dividing
 * by it and so agrees only to about 1e-12 (relative, on the predictions).
 *
 * <p>{@link #extend} keeps the complete blocks of a factor whose matrix shares its leading rows and
 * computes the rest, which is the arithmetic a factorisation from scratch does for those blocks: the
 * two agree bit for bit, so what was factored before never changes a result.
 *
 * <p>The multi-right-hand-side forward substitution is written out here, not taken from EJML: EJML's
 * ({@code TileTriangularSolver_F64.lsolveLow}, {@code TriangularSolver_DDRB}) keep the right-hand
 * sides in one array, which the JIT does not vectorise; this one keeps each row in its own array and
 * was four times faster for 600 rows and 1,044 right-hand sides (about 20 ms against 80 ms).
 */
final class BlockCholesky {
  /** Rows per block: the width of a panel's right-hand sides. */
  static final int BLOCK = 64;

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
    // rows[q]: row s + q of L up to its diagonal
    double[][] rows = new double[b][];
    for (int q = 0; q < b; q++) {
      rows[q] = new double[s + q + 1];
    }
    for (int i = 0; i < s; i++) {
      for (int q = 0; q < b; q++) {
        rows[q][i] = p[i][q];
      }
    }
    // the Schur complement K[s:e, s:e] - L[s:e, 0:s] L[s:e, 0:s]^T, lower triangle
    for (int a = 0; a < b; a++) {
      double[] ra = rows[a];
      int c = 0;
      for (; c + 4 <= a + 1; c += 4) {
        double[] r0 = rows[c];
        double[] r1 = rows[c + 1];
        double[] r2 = rows[c + 2];
        double[] r3 = rows[c + 3];
        double v0 = k.at(s + a, s + c);
        double v1 = k.at(s + a, s + c + 1);
        double v2 = k.at(s + a, s + c + 2);
        double v3 = k.at(s + a, s + c + 3);
        for (int i = 0; i < s; i++) {
          double x = ra[i];
          v0 -= x * r0[i];
          v1 -= x * r1[i];
          v2 -= x * r2[i];
          v3 -= x * r3[i];
        }
        ra[s + c] = v0;
        ra[s + c + 1] = v1;
        ra[s + c + 2] = v2;
        ra[s + c + 3] = v3;
      }
      for (; c <= a; c++) {
        double[] rc = rows[c];
        double v = k.at(s + a, s + c);
        for (int i = 0; i < s; i++) {
          v -= ra[i] * rc[i];
        }
        ra[s + c] = v;
      }
    }
    // its Cholesky factor, in place
    for (int a = 0; a < b; a++) {
      double[] ra = rows[a];
      for (int c = 0; c <= a; c++) {
        double[] rc = rows[c];
        double v = ra[s + c];
        for (int j = s; j < s + c; j++) {
          v -= ra[j] * rc[j];
        }
        ra[s + c] = a == c ? Math.sqrt(Math.max(v, 1e-12)) : v / rc[s + c];
      }
    }
    for (int q = 0; q < b; q++) {
      System.arraycopy(rows[q], 0, l.data, (s + q) * l.numCols, s + q + 1);
    }
  }
}
