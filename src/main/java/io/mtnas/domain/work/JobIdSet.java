package io.mtnas.domain.work;

import io.mtnas.domain.evaluation.JobId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * An immutable set of job ids that stays small however many jobs a search runs: populations number
 * their jobs 0, 1, 2, ..., so per task it keeps the contiguous prefix as one number and only the
 * few sequences above it (jobs accepted out of order) as an array. Adding costs a copy of the
 * per-task map and of that short array, not of every id ever accepted.
 */
final class JobIdSet {
  private static final JobIdSet EMPTY = new JobIdSet(Map.of());

  /** Every sequence below {@code prefix} is in; {@code above} holds the others, sorted. */
  private record TaskIds(long prefix, long[] above) {
    boolean contains(long sequence) {
      return sequence < prefix || Arrays.binarySearch(above, sequence) >= 0;
    }

    TaskIds with(long sequence) {
      if (sequence == prefix) {
        long next = prefix + 1;
        int absorbed = 0;
        while (absorbed < above.length && above[absorbed] == next) {
          next++;
          absorbed++;
        }
        return new TaskIds(next, Arrays.copyOfRange(above, absorbed, above.length));
      }
      int at = -(Arrays.binarySearch(above, sequence) + 1);
      long[] grown = new long[above.length + 1];
      System.arraycopy(above, 0, grown, 0, at);
      grown[at] = sequence;
      System.arraycopy(above, at, grown, at + 1, above.length - at);
      return new TaskIds(prefix, grown);
    }
  }

  private final Map<String, TaskIds> byTask;

  private JobIdSet(Map<String, TaskIds> byTask) {
    this.byTask = byTask;
  }

  static JobIdSet empty() {
    return EMPTY;
  }

  boolean contains(JobId id) {
    TaskIds ids = byTask.get(id.task());
    return ids != null && ids.contains(id.sequence());
  }

  /** This set plus {@code id}; {@code this} when already present. */
  JobIdSet with(JobId id) {
    if (contains(id)) {
      return this;
    }
    Map<String, TaskIds> copy = new HashMap<>(byTask);
    copy.put(id.task(), copy.getOrDefault(id.task(), new TaskIds(0, new long[0])).with(id.sequence()));
    return new JobIdSet(copy);
  }

  /** Sequences kept one by one (accepted out of order); stays near zero for populations. */
  int sparseCount() {
    return byTask.values().stream().mapToInt(ids -> ids.above().length).sum();
  }
}
