package io.mtnas.actor;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.mtnas.domain.embedding.OneHotEmbedder;
import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.predictor.FeatureMap;
import io.mtnas.domain.predictor.Model;
import io.mtnas.domain.predictor.Observation;
import io.mtnas.domain.predictor.PredictorSettings;
import io.mtnas.domain.predictor.ProxySource;
import io.mtnas.domain.predictor.Regressor;
import io.mtnas.domain.predictor.RetrainSchedule;
import io.mtnas.domain.predictor.TrainingSet;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Scoring a pool runs on the predictor dispatcher, and replies keep the order they were answered in. */
class PredictorActorTest {
  private static final ActorTestKit testKit =
      ActorTestKit.create("predictor", ConfigFactory.load("application-test"));
  private static final ExecutorService training = Executors.newCachedThreadPool();
  private static final SearchSpace SPACE = SearchSpaces.transNasMicro();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
    training.shutdownNow();
  }

  @Test
  void aSlowPoolIsScoredOffTheActorAndAnswersLeaveInOrder() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<String> scoringThreads = new CopyOnWriteArrayList<>();
    Regressor held = new Regressor() {
      @Override
      public String id() {
        return "held";
      }

      @Override
      public Model fit(TrainingSet data) {
        return rows -> {
          scoringThreads.add(Thread.currentThread().getName());
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          double[] scores = new double[rows.length];
          for (int i = 0; i < rows.length; i++) {
            scores[i] = i + 1;
          }
          return scores;
        };
      }
    };
    FeatureMap features = new FeatureMap(new OneHotEmbedder(SPACE), ProxySource.NONE, List.of(), List.of("alpha", "beta"));
    ActorRef<PredictorActor.Command> predictor = testKit.spawn(PredictorActor.create(features, held,
        PredictorSettings.defaults(), RetrainSchedule.EVERY_OUTCOME,
        Map.of("alpha", Direction.MAX, "beta", Direction.MAX), training));
    for (int i = 1; i <= 4; i++) {
      predictor.tell(new OutcomeObserved(i,
          Optional.of(new Observation(i, i % 2 == 0 ? "alpha" : "beta", SPACE.fromIndex(i), i / 4.0))));
    }
    TestProbe<PredictorActor.Scores> probe = testKit.createTestProbe();
    List<Architecture> pool = List.of(SPACE.fromIndex(10), SPACE.fromIndex(11), SPACE.fromIndex(12));
    predictor.tell(new PredictorActor.Score("alpha", 4, pool, probe.getRef())); // scoring blocks
    predictor.tell(new PredictorActor.Score("alpha", 4, List.of(), probe.getRef())); // nothing to score

    // the second answer is ready at once but waits behind the first
    probe.expectNoMessage(Duration.ofMillis(300));
    assertThat(scoringThreads).hasSize(1);
    assertThat(scoringThreads.get(0)).contains(PredictorActor.SCORING_DISPATCHER);

    release.countDown();
    assertThat(probe.receiveMessage(Duration.ofSeconds(10)).scores()).get()
        .satisfies(s -> assertThat(s).containsExactly(1, 2, 3));
    assertThat(probe.receiveMessage(Duration.ofSeconds(10)).scores()).isEmpty();
  }

  @Test
  void aJoinedTaskIsScoredWithAWiderEncodingOnceItsResultsAreKnown() {
    List<Integer> widths = new CopyOnWriteArrayList<>();
    Regressor recording = new Regressor() {
      @Override
      public String id() {
        return "recording";
      }

      @Override
      public Model fit(TrainingSet data) {
        widths.add(data.rows()[0].length);
        return rows -> new double[rows.length];
      }
    };
    FeatureMap features = new FeatureMap(new OneHotEmbedder(SPACE), ProxySource.NONE, List.of(), List.of("alpha", "beta"));
    PredictorSettings withOthers = new PredictorSettings(true, PredictorSettings.defaults().otherTaskWeight(), 1);
    ActorRef<PredictorActor.Command> predictor = testKit.spawn(PredictorActor.create(features, recording,
        withOthers, RetrainSchedule.EVERY_OUTCOME, Map.of("alpha", Direction.MAX, "beta", Direction.MAX), training));
    predictor.tell(new PredictorActor.AddTask("gamma", Direction.MIN));
    String[] tasks = {"alpha", "beta", "gamma", "gamma"};
    for (int i = 1; i <= 4; i++) {
      predictor.tell(new OutcomeObserved(i, Optional.of(new Observation(i, tasks[i - 1], SPACE.fromIndex(i), i))));
    }
    TestProbe<PredictorActor.Scores> probe = testKit.createTestProbe();
    List<Architecture> pool = List.of(SPACE.fromIndex(10), SPACE.fromIndex(11));
    predictor.tell(new PredictorActor.Score("alpha", 2, pool, probe.getRef()));
    assertThat(probe.receiveMessage(Duration.ofSeconds(10)).scores()).get().satisfies(s -> assertThat(s).hasSize(2));
    predictor.tell(new PredictorActor.Score("gamma", 4, pool, probe.getRef()));
    assertThat(probe.receiveMessage(Duration.ofSeconds(10)).scores()).get().satisfies(s -> assertThat(s).hasSize(2));
    assertThat(widths).as("as of 2 nothing of gamma is known; as of 4 it has its own task columns")
        .containsExactly(features.width(), features.width() + 2);
  }
}
