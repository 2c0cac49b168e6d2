package io.mtnas.domain.space;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A finite cell search space: a fixed number of edges, each carrying one operation from a fixed,
 * ordered list. Implementations are immutable singletons and thread-safe.
 *
 * <p>The space's own index ("code index") reads the operation indices of the edges as a base
 * {@code operations().size()} number, edge 0 most significant. It is NOT a benchmark's official
 * row index (NB201's official order is arbitrary): benchmark tables map their rows through the
 * official strings.
 */
public interface SearchSpace {

  /** Stable identifier used in specs, wire messages and reports, e.g. {@code nb201}. */
  String id();

  /** Official operation names in official order; an architecture stores indices into this list. */
  List<String> operations();

  int edgeCount();

  /** Number of distinct architectures: operations^edges. */
  long size();

  /**
   * Parses the official string form (and the other forms a space documents); throws
   * {@link ArchitectureFormatException} quoting the input and naming the problem and its place.
   */
  Architecture parse(String encoded);

  /** The official string form; {@code parse(format(a)).equals(a)}. */
  String format(Architecture architecture);

  Architecture fromIndex(long index);

  long index(Architecture architecture);

  /** Builds an architecture from operation indices, one per edge (validated). */
  Architecture of(int... operationIndices);

  /** Uniform over all {@link #size()} architectures. */
  Architecture random(RandomGenerator rng);

  /**
   * The representative of the architecture's isomorphism class (architectures computing the same
   * function share it): the member with the smallest code index. The cell spaces use
   * NAS-Bench-201's rule ({@code to_unique_str(consider_zero=True)} of xautodl: none and
   * zero inputs vanish, skip_connect passes its input through), which gives the benchmarks'
   * 6,466 NAS-Bench-201 and 1,236 TransNAS-Bench-101 micro classes.
   */
  Architecture canonical(Architecture architecture);

  /**
   * A string equal for two architectures exactly when they are isomorphic (the rule of
   * {@link #canonical}); for the cell spaces, NAS-Bench-201's {@code get_unique_str}.
   */
  String isomorphismKey(Architecture architecture);

  /** Whether the two architectures compute the same function under the space's rule. */
  default boolean isomorphic(Architecture first, Architecture second) {
    return canonical(first).equals(canonical(second));
  }

  /** The cell as a DAG whose nodes are labelled with operations, for graph embeddings. */
  CellGraph graph(Architecture architecture);

  /** Every architecture that differs from the given one on exactly one edge. */
  List<Architecture> neighbours(Architecture architecture);
}
