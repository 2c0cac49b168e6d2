package io.mtnas.domain.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.population.Candidate;
import io.mtnas.domain.population.Individual;
import io.mtnas.domain.population.Origin;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransferLabelsTest {
  private static final SearchSpace NB201 = SearchSpaces.nb201();

  private int sequence;

  /** A scored individual of task t, its job id and evaluation number in creation order. */
  private Individual individual(Architecture a, double fitness, Origin origin, Optional<Architecture> parent) {
    JobId id = new JobId("t", sequence++);
    Candidate c = new Candidate(id, a, origin, parent);
    return new Individual(c, new EvaluationOutcome.Scored(id, a, fitness, Map.of(), 1.0), sequence);
  }

  private Individual random(long index, double fitness) {
    return individual(NB201.fromIndex(index), fitness, Origin.RANDOM, Optional.empty());
  }

  private Individual childOf(Individual parent, double fitness) {
    Architecture child = NB201.neighbours(parent.architecture()).get(sequence % 24);
    return individual(child, fitness, Origin.MUTATION, Optional.of(parent.architecture()));
  }

  private static List<Individual> with(List<Individual> population, Individual... more) {
    List<Individual> next = new ArrayList<>(population);
    next.addAll(List.of(more));
    return next;
  }

  /** Nine natives with fitness 0.1 .. 0.9 (index 1000 + i) and a transfer T of fitness 0.5. */
  private final List<Individual> natives = new ArrayList<>();
  private Individual transferred;

  private List<Individual> population() {
    for (int i = 1; i <= 9; i++) {
      natives.add(random(1000 + i, i / 10.0));
    }
    transferred = individual(NB201.fromIndex(5000), 0.5, Origin.TRANSFER, Optional.empty());
    return with(natives, transferred);
  }

  @Test
  void aChildOfAPendingTransferInTheTopRIsPositive() {
    List<Individual> population = population();
    TransferLabels labels = TransferLabels.of("t", 0.2).arrived(transferred.architecture(), "cifar100");
    assertThat(labels.pendingCount()).isEqualTo(1);
    // the child ranks second of 10: top ceil(0.2 * 10) = 2
    Individual child = childOf(transferred, 0.85);
    List<Individual> after = with(population.subList(1, population.size()), child);
    TransferLabels.Update u = labels.integrated(child, child.candidate().parent(), after, Direction.MAX, 4);
    assertThat(u.decided()).containsExactly(new Label(transferred.architecture(), "cifar100", "t", true, 4));
    assertThat(u.labels().pendingCount()).isZero();

    // once labelled, its death decides nothing more
    Individual later = random(7000, 0.3);
    List<Individual> withoutT = new ArrayList<>(after);
    withoutT.remove(transferred);
    assertThat(u.labels().integrated(later, Optional.empty(), with(withoutT, later), Direction.MAX, 5).decided())
        .isEmpty();
  }

  @Test
  void aChildOutsideTheTopRDecidesNothingYet() {
    List<Individual> population = population();
    TransferLabels labels = TransferLabels.of("t", 0.2).arrived(transferred.architecture(), "cifar100");
    // third of 10 (0.9 and 0.8 are better)
    Individual child = childOf(transferred, 0.75);
    TransferLabels.Update u = labels.integrated(
        child, child.candidate().parent(), with(population.subList(1, population.size()), child), Direction.MAX, 4);
    assertThat(u.decided()).isEmpty();
    assertThat(u.labels().pendingCount()).isEqualTo(1);
  }

  @Test
  void aTieWithTheCutoffIsInTheTop() {
    List<Individual> population = population();
    TransferLabels labels = TransferLabels.of("t", 0.2).arrived(transferred.architecture(), "src");
    Individual child = childOf(transferred, 0.8);
    TransferLabels.Update u = labels.integrated(
        child, child.candidate().parent(), with(population.subList(1, population.size()), child), Direction.MAX, 2);
    assertThat(u.decided()).extracting(Label::positive).containsExactly(true);
  }

  @Test
  void theTransferLeavingThePopulationWithoutSuchAChildIsNegative() {
    List<Individual> population = population();
    TransferLabels labels = TransferLabels.of("t", 0.2).arrived(transferred.architecture(), "imagenet");
    Individual native1 = random(8000, 0.95);
    List<Individual> withoutT = new ArrayList<>(population.subList(1, population.size()));
    withoutT.remove(transferred);
    TransferLabels.Update u = labels.integrated(native1, Optional.empty(), with(withoutT, native1), Direction.MAX, 9);
    assertThat(u.decided()).containsExactly(new Label(transferred.architecture(), "imagenet", "t", false, 9));
    assertThat(u.labels().pendingCount()).isZero();
  }

  @Test
  void childrenOfParentsThatWereNotTransferredDecideNothing() {
    List<Individual> population = population();
    TransferLabels labels = TransferLabels.of("t", 0.2).arrived(transferred.architecture(), "src");
    Individual best = natives.get(8);
    Individual child = childOf(best, 1.0);
    TransferLabels.Update u = labels.integrated(
        child, child.candidate().parent(), with(population.subList(1, population.size()), child), Direction.MAX, 3);
    assertThat(u.decided()).isEmpty();
    assertThat(u.labels().pendingCount()).isEqualTo(1);
    // and without any pending transfer nothing is ever decided
    assertThat(TransferLabels.of("t", 0.2)
        .integrated(child, child.candidate().parent(), with(population, child), Direction.MAX, 3).decided())
        .isEmpty();
  }

  @Test
  void oneIntegrationCanDecideAPositiveAndANegative() {
    List<Individual> population = population();
    Individual second = individual(NB201.fromIndex(6000), 0.05, Origin.TRANSFER, Optional.empty());
    TransferLabels labels = TransferLabels.of("t", 0.2)
        .arrived(transferred.architecture(), "a")
        .arrived(second.architecture(), "b");
    Individual child = childOf(transferred, 0.99);
    // second never joined this list: it is gone
    TransferLabels.Update u = labels.integrated(
        child, child.candidate().parent(), with(population.subList(1, population.size()), child), Direction.MAX, 6);
    assertThat(u.decided()).containsExactly(
        new Label(transferred.architecture(), "a", "t", true, 6),
        new Label(second.architecture(), "b", "t", false, 6));
    assertThat(labels.pendingCount()).as("the previous state is unchanged").isEqualTo(2);
  }

  @Test
  void minimisingTasksRankTheLowestFirst() {
    List<Individual> population = population();
    TransferLabels labels = TransferLabels.of("t", 0.2).arrived(transferred.architecture(), "src");
    Individual low = childOf(transferred, 0.15); // second lowest of 0.1 .. 0.9
    TransferLabels.Update u = labels.integrated(
        low, low.candidate().parent(), with(population.subList(1, population.size()), low), Direction.MIN, 1);
    // the list dropped 0.1, so 0.15 is the lowest
    assertThat(u.decided()).extracting(Label::positive).containsExactly(true);
    Individual high = childOf(transferred, 0.85);
    assertThat(labels.integrated(high, high.candidate().parent(), with(population.subList(1, population.size()), high),
        Direction.MIN, 1).decided()).isEmpty();
  }

  @Test
  void theTopRIsTheCeilingOfRTimesThePopulationAndAtLeastOne() {
    List<Individual> six = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      six.add(random(2000 + i, i / 10.0));
    }
    Individual secondBest = six.get(4);
    // ceil(0.2 * 6) = 2
    assertThat(TransferLabels.of("t", 0.2).inElite(secondBest, six, Direction.MAX)).isTrue();
    assertThat(TransferLabels.of("t", 0.2).inElite(six.get(3), six, Direction.MAX)).isFalse();
    // ceil(0.1 * 6) = 1
    assertThat(TransferLabels.of("t", 0.1).inElite(secondBest, six, Direction.MAX)).isFalse();
    assertThat(TransferLabels.of("t", 0.1).inElite(six.get(5), six, Direction.MAX)).isTrue();
    // a population of two with r = 0.2 still has a top of one
    assertThat(TransferLabels.of("t", 0.2).inElite(six.get(1), six.subList(0, 2), Direction.MAX)).isTrue();
    // not in the population, not in its top
    Individual outsider = random(3000, 1.0);
    assertThat(TransferLabels.of("t", 0.2).inElite(outsider, six, Direction.MAX)).isFalse();
  }
}
