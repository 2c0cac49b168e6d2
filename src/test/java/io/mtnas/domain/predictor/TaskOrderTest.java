package io.mtnas.domain.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.space.SearchSpaces;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tasks an answer covers follow from its data, whenever the actor heard of a join. */
class TaskOrderTest {
  private static Observation o(long seq, String task) {
    return new Observation(seq, task, SearchSpaces.nb201().fromIndex((int) seq), seq);
  }

  @Test
  void withoutJoinsTheStartingTasksAreTheAnswerUnchanged() {
    List<String> starting = List.of("a", "b");
    assertThat(TaskOrder.of(starting, List.of(o(1, "b"), o(2, "a")), "a")).isSameAs(starting);
  }

  @Test
  void joinedTasksFollowInTheOrderOfTheirFirstResultAndAnAskingNewcomerComesLast() {
    List<Observation> data = List.of(o(1, "a"), o(2, "d"), o(3, "c"), o(4, "d"));
    assertThat(TaskOrder.of(List.of("a", "b"), data, "a")).containsExactly("a", "b", "d", "c");
    assertThat(TaskOrder.of(List.of("a", "b"), data, "e")).containsExactly("a", "b", "d", "c", "e");
    assertThat(TaskOrder.of(List.of("a", "b"), List.of(o(1, "a")), "c")).containsExactly("a", "b", "c");
  }

  @Test
  void aWiderEncodingHasAColumnPairPerTask() {
    FeatureMap two = new FeatureMap(new io.mtnas.domain.embedding.OneHotEmbedder(SearchSpaces.nb201()),
        ProxySource.NONE, List.of(), List.of("a", "b"));
    FeatureMap three = two.withTasks(List.of("a", "b", "c"));
    assertThat(two.withTasks(List.of("a", "b"))).isSameAs(two);
    assertThat(three.width()).isEqualTo(two.width() + 2);
    double[] row = three.row("c", SearchSpaces.nb201().fromIndex(5));
    assertThat(row[three.layout().taskStart() + 2]).isEqualTo(1.0);
  }
}
