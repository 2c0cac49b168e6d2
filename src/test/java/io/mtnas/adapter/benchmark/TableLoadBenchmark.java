package io.mtnas.adapter.benchmark;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Rough load time and memory of the real tables: {@link BenchmarkTables#open} timed {@code
 * rounds} times after {@code warmup} untimed loads, then the heap a loaded set keeps. Prints
 * figures only, asserts nothing. Off by default: {@code mvn -B -o test -Dtest=TableLoadBenchmark
 * -Dmtnas.bench=true} (figures go to the test's output file), or directly:
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt)
 * io.mtnas.adapter.benchmark.TableLoadBenchmark [dir [rounds [warmup]]]}, where {@code cp.txt}
 * comes from {@code mvn -B -o dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
@EnabledIfSystemProperty(named = "mtnas.bench", matches = "true")
class TableLoadBenchmark {
  @Test
  void loadTimes() {
    main(new String[0]);
  }

  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("mtnas.benchmarks", "../shared/benchmarks"));
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    System.out.printf("loading %s: %d warm-up, %d timed rounds, %d cores, max heap %d MB%n",
        dir.toAbsolutePath().normalize(), warmup, rounds, Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);

    for (int i = 0; i < warmup; i++) {
      BenchmarkTables.open(dir);
    }
    double[] millis = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      long started = System.nanoTime();
      BenchmarkTables tables = BenchmarkTables.open(dir);
      millis[i] = (System.nanoTime() - started) / 1e6;
      System.out.printf("round %d: %.1f ms (%s)%n", i, millis[i], tables.ids());
    }
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    double median = rounds % 2 == 1 ? sorted[rounds / 2] : (sorted[rounds / 2 - 1] + sorted[rounds / 2]) / 2;
    System.out.printf("load: median %.1f ms, min %.1f ms, max %.1f ms over %d rounds%n",
        median, sorted[0], sorted[rounds - 1], rounds);

    // What a loaded set keeps (the parse garbage is collected): used heap with and without it.
    long before = usedAfterGc();
    BenchmarkTables kept = BenchmarkTables.open(dir);
    long after = usedAfterGc();
    int columns = kept.ids().stream().mapToInt(id -> kept.get(id).columns().size()).sum();
    System.out.printf("heap: %.1f MB used before, %.1f MB with the tables loaded, %.1f MB retained (%d columns)%n",
        before / 1e6, after / 1e6, (after - before) / 1e6, columns);
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
