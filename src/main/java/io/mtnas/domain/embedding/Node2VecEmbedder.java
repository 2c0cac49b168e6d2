package io.mtnas.domain.embedding;

import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.CellGraph;
import io.mtnas.domain.space.SearchSpace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * node2vec (Grover and Leskovec 2016) as KTNAS uses it, but with ONE model for all architectures:
 * biased second-order random walks (return parameter p, in-out parameter q) over the undirected
 * operation-on-node graph of each architecture, whose nodes are tokens shared across the space
 * ({@code input}, {@code output}, and {@code e<edge>:<operation>}; none operations dropped); a
 * skip-gram with negative sampling learns one vector per token from the walks of all
 * architectures, and an architecture's embedding is the mean of its nodes' vectors. Training is
 * seeded, so the embedder is deterministic.
 */
public final class Node2VecEmbedder implements Embedder {
  /** The walk and training settings; KTNAS's code defaults are dimension 128, walks 10, length 80, window 10. */
  public record Settings(
      int dimension, int walksPerNode, int walkLength, int window, double p, double q, int negatives,
      int epochs, int maxArchitectures, long seed) {
    public static Settings defaults() {
      return new Settings(32, 2, 20, 5, 1.0, 1.0, 5, 1, 1000, 0);
    }
  }

  private final SearchSpace space;
  private final Settings settings;
  private final Map<String, Integer> tokens = new HashMap<>();
  private final double[][] vectors;

  public Node2VecEmbedder(SearchSpace space, Settings settings) {
    this.space = space;
    this.settings = settings;
    tokens.put(CellGraph.INPUT, 0);
    tokens.put(CellGraph.OUTPUT, 1);
    for (int e = 0; e < space.edgeCount(); e++) {
      for (String op : space.operations()) {
        if (!LiveGraph.NONE.equals(op)) {
          tokens.put(token(e, op), tokens.size());
        }
      }
    }
    this.vectors = train();
  }

  @Override
  public String id() {
    return "node2vec";
  }

  @Override
  public int dimension() {
    return settings.dimension();
  }

  @Override
  public Embedding embed(Architecture architecture) {
    int[] nodes = graph(architecture).tokens();
    double[] mean = new double[settings.dimension()];
    for (int t : nodes) {
      for (int d = 0; d < mean.length; d++) {
        mean[d] += vectors[t][d] / nodes.length;
      }
    }
    return new Embedding(mean);
  }

  private static String token(int edge, String op) {
    return "e" + edge + ":" + op;
  }

  /** One architecture's graph: node tokens and undirected adjacency. */
  private record TokenGraph(int[] tokens, int[][] neighbours) {}

  private TokenGraph graph(Architecture architecture) {
    CellGraph g = space.graph(architecture);
    int n = g.nodeCount();
    int[] index = new int[n];
    List<Integer> tokenList = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String label = g.labels().get(i);
      if (LiveGraph.NONE.equals(label)) {
        index[i] = -1;
        continue;
      }
      index[i] = tokenList.size();
      tokenList.add(i == 0 || i == n - 1 ? tokens.get(label) : tokens.get(token(i - 1, label)));
    }
    List<List<Integer>> adj = new ArrayList<>();
    for (int i = 0; i < tokenList.size(); i++) {
      adj.add(new ArrayList<>());
    }
    for (int from = 0; from < n; from++) {
      for (int to : g.successors().get(from)) {
        if (index[from] >= 0 && index[to] >= 0) {
          adj.get(index[from]).add(index[to]);
          adj.get(index[to]).add(index[from]);
        }
      }
    }
    int[][] neighbours = adj.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    return new TokenGraph(tokenList.stream().mapToInt(Integer::intValue).toArray(), neighbours);
  }

  private double[][] train() {
    SplittableRandom rng = new SplittableRandom(settings.seed());
    int vocab = tokens.size();
    int dim = settings.dimension();
    double[][] in = new double[vocab][dim];
    double[][] out = new double[vocab][dim];
    for (double[] row : in) {
      for (int d = 0; d < dim; d++) {
        row[d] = (rng.nextDouble() - 0.5) / dim;
      }
    }
    List<int[]> walks = walks(rng);
    double[] unigram = new double[vocab];
    long totalTokens = 0;
    for (int[] w : walks) {
      for (int t : w) {
        unigram[t]++;
        totalTokens++;
      }
    }
    double[] cumulative = noiseDistribution(unigram);
    long steps = 0;
    long totalSteps = totalTokens * settings.epochs();
    double[] grad = new double[dim];
    for (int epoch = 0; epoch < settings.epochs(); epoch++) {
      for (int[] walk : walks) {
        for (int i = 0; i < walk.length; i++) {
          // word2vec's linear learning-rate decay
          double lr = 0.025 * Math.max(1e-4, 1.0 - (double) steps++ / totalSteps);
          int center = walk[i];
          int lo = Math.max(0, i - settings.window());
          int hi = Math.min(walk.length - 1, i + settings.window());
          for (int j = lo; j <= hi; j++) {
            if (j == i) {
              continue;
            }
            java.util.Arrays.fill(grad, 0);
            update(in[center], out[walk[j]], 1, lr, grad);
            for (int k = 0; k < settings.negatives(); k++) {
              int noise = sample(cumulative, rng.nextDouble());
              if (noise != walk[j]) {
                update(in[center], out[noise], 0, lr, grad);
              }
            }
            for (int d = 0; d < dim; d++) {
              in[center][d] += grad[d];
            }
          }
        }
      }
    }
    return in;
  }

  private static void update(double[] center, double[] context, int label, double lr, double[] grad) {
    double dot = 0;
    for (int d = 0; d < center.length; d++) {
      dot += center[d] * context[d];
    }
    double g = lr * (label - 1.0 / (1.0 + Math.exp(-dot)));
    for (int d = 0; d < center.length; d++) {
      grad[d] += g * context[d];
      context[d] += g * center[d];
    }
  }

  private List<int[]> walks(SplittableRandom rng) {
    long size = space.size();
    int count = (int) Math.min(size, settings.maxArchitectures());
    List<int[]> walks = new ArrayList<>();
    for (int a = 0; a < count; a++) {
      long index = count == size ? a : rng.nextLong(size);
      TokenGraph g = graph(space.fromIndex(index));
      for (int r = 0; r < settings.walksPerNode(); r++) {
        for (int start = 0; start < g.tokens().length; start++) {
          walks.add(walk(g, start, rng));
        }
      }
    }
    return walks;
  }

  /** One node2vec walk; returns the token sequence. */
  private int[] walk(TokenGraph g, int start, SplittableRandom rng) {
    int[] path = new int[settings.walkLength()];
    int length = 0;
    int previous = -1;
    int current = start;
    path[length++] = g.tokens()[current];
    while (length < path.length) {
      int[] next = g.neighbours()[current];
      if (next.length == 0) {
        break;
      }
      int chosen;
      if (previous < 0) {
        chosen = next[rng.nextInt(next.length)];
      } else {
        double[] weights = new double[next.length];
        double total = 0;
        for (int k = 0; k < next.length; k++) {
          int x = next[k];
          double w = x == previous ? 1 / settings.p() : contains(g.neighbours()[previous], x) ? 1 : 1 / settings.q();
          weights[k] = w;
          total += w;
        }
        double u = rng.nextDouble() * total;
        int k = 0;
        while (k < next.length - 1 && (u -= weights[k]) > 0) {
          k++;
        }
        chosen = next[k];
      }
      previous = current;
      current = chosen;
      path[length++] = g.tokens()[current];
    }
    return java.util.Arrays.copyOf(path, length);
  }

  private static boolean contains(int[] values, int x) {
    for (int v : values) {
      if (v == x) {
        return true;
      }
    }
    return false;
  }

  private static double[] noiseDistribution(double[] unigram) {
    double[] cumulative = new double[unigram.length];
    double total = 0;
    for (int i = 0; i < unigram.length; i++) {
      total += Math.pow(unigram[i], 0.75);
      cumulative[i] = total;
    }
    for (int i = 0; i < cumulative.length; i++) {
      cumulative[i] /= total;
    }
    return cumulative;
  }

  private static int sample(double[] cumulative, double u) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
