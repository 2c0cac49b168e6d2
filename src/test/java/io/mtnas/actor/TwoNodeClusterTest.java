package io.mtnas.actor;

import io.mtnas.domain.work.WorkSettings;
import static io.mtnas.actor.EvaluationLog.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.StrategySpec;
import io.mtnas.protocol.Evaluate;
import io.mtnas.protocol.Evaluated;
import io.mtnas.protocol.RequestWork;
import io.mtnas.protocol.WorkReady;
import io.mtnas.protocol.WorkerCommand;
import io.mtnas.wire.WireSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two (then three) ActorSystems in one JVM forming a cluster over Artery TCP on 127.0.0.1. The
 * search runs on node 1 with no local workers; evaluator workers run on the other nodes only, so
 * every Evaluate, Evaluated, RequestWork and WorkReady crosses the nodes through the project's
 * Protobuf serializer. The second test terminates node 2 in the middle of a search.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterTest {
  private static ActorTestKit node1;
  private static ActorTestKit node2;
  private static ActorTestKit node3;
  private static ActorTestKit node4;
  private static boolean node2Down;
  private static final List<ExecutorService> executors = new ArrayList<>();
  private static final AtomicInteger searches = new AtomicInteger();

  private ProgressCapture capture;
  private final EvaluationLog log = new EvaluationLog();

  static Config nodeConfig() {
    return ConfigFactory.parseString(
            """
            pekko.actor.provider = cluster
            pekko.remote.artery.transport = tcp
            pekko.remote.artery.canonical.hostname = "127.0.0.1"
            pekko.remote.artery.canonical.port = 0
            pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
            pekko.cluster.gossip-interval = 200ms
            pekko.cluster.leader-actions-interval = 200ms
            # a crashed (downed) node is removed once the others see it unreachable
            pekko.cluster.failure-detector.heartbeat-interval = 200ms
            pekko.cluster.failure-detector.acceptable-heartbeat-pause = 1500ms
            pekko.cluster.typed.receptionist.distributed-data.gossip-interval = 200ms
            pekko.cluster.typed.receptionist.distributed-data.notify-subscribers-interval = 100ms
            """)
        .withFallback(ConfigFactory.load("application-test"));
  }

  /** A fresh node that joins {@code seed} (itself when null). */
  private static ActorTestKit startNode(Address seed) {
    return startNode(seed, nodeConfig());
  }

  private static ActorTestKit startNode(Address seed, Config config) {
    ActorTestKit kit = ActorTestKit.create("nas", config);
    Cluster cluster = Cluster.get(kit.system());
    cluster.manager().tell(Join.create(seed != null ? seed : cluster.selfMember().address()));
    return kit;
  }

  private static Address address(ActorTestKit kit) {
    return Cluster.get(kit.system()).selfMember().address();
  }

  private static void awaitUpMembers(int count, ActorTestKit... nodes) {
    for (ActorTestKit kit : nodes) {
      TestProbe<Object> probe = kit.createTestProbe();
      probe.awaitAssert(
          Duration.ofSeconds(15),
          () -> {
            long up =
                StreamSupport.stream(
                        Cluster.get(kit.system()).state().getMembers().spliterator(), false)
                    .filter(m -> m.status().equals(MemberStatus.up()))
                    .count();
            assertThat(up).as("Up members seen by %s", address(kit)).isEqualTo(count);
            return null;
          });
    }
  }

  private static ExecutorService executor(String prefix) {
    AtomicInteger n = new AtomicInteger();
    ExecutorService e =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, prefix + "-eval-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executors.add(e);
    return e;
  }

  @BeforeAll
  static void formCluster() {
    node1 = startNode(null);
    node2 = startNode(address(node1));
    awaitUpMembers(2, node1, node2);
  }

  @AfterAll
  static void shutdown() {
    if (node4 != null && !node4.system().whenTerminated().isCompleted()) {
      node4.shutdownTestKit();
    }
    if (node3 != null) {
      node3.shutdownTestKit();
    }
    if (!node2Down) {
      node2.shutdownTestKit();
    }
    node1.shutdownTestKit();
    executors.forEach(ExecutorService::shutdownNow);
  }

  @BeforeEach
  void capture() {
    capture = new ProgressCapture();
  }

  @AfterEach
  void release() {
    capture.close();
  }

  private record Started(
      String id,
      List<EvaluationRecord> journal,
      CompletableFuture<SearchCoordinator.Done> result) {}

  /** Runs a search on node 1 with no local workers: it relies on workers under {@code key}. */
  private static Started startOnNode1(
      String id, SearchSpec spec, ServiceKey<WorkerCommand> key, EvaluationLog log) {
    ActorRef<SearchHost.RunSearch> host =
        node1.spawn(
            SearchHost.create(
                new WorkSettings(Duration.ofSeconds(30), 3, Duration.ofMillis(100)),
                executor("node1")),
            "host-" + id);
    var result = new CompletableFuture<SearchCoordinator.Done>();
    List<EvaluationRecord> journal = Collections.synchronizedList(new ArrayList<>());
    host.tell(
        new SearchHost.RunSearch(
            id,
            spec,
            log.evaluator("node1-never-used", false, EvaluationLog.NO_FAULTS),
            0,
            key,
            journal::add,
            result));
    return new Started(id, journal, result);
  }

  /** Waits until node 1's Receptionist lists {@code count} workers under the key. */
  private static void awaitWorkersListedOnNode1(ServiceKey<WorkerCommand> key, int count) {
    TestProbe<Receptionist.Listing> probe = node1.createTestProbe(Receptionist.Listing.class);
    probe.awaitAssert(
        Duration.ofSeconds(10),
        () -> {
          node1.system().receptionist().tell(Receptionist.find(key, probe.getRef()));
          assertThat(probe.receiveMessage().getServiceInstances(key)).hasSize(count);
          return null;
        });
  }

  @Test
  @Order(1)
  void aSearchOnNode1IsEvaluatedEntirelyByWorkersOnNode2() throws Exception {
    // Every message type the workers exchange has the Protobuf serializer in both systems, and
    // Java serialization is off: no other way across.
    for (ActorTestKit kit : List.of(node1, node2)) {
      var serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
      for (Class<?> type :
          List.of(Evaluate.class, Evaluated.class, RequestWork.class, WorkReady.class)) {
        assertThat(serialization.serializerFor(type)).isInstanceOf(WireSerializer.class);
      }
    }
    String id = "c" + searches.incrementAndGet();
    ServiceKey<WorkerCommand> key = ServiceKey.create(WorkerCommand.class, "cluster-" + id);
    ExecutorService onNode2 = executor("node2");
    for (int i = 1; i <= 3; i++) {
      String worker = "node2-w" + i;
      node2.spawn(
          EvaluatorWorker.create(
              worker,
              log.evaluator(worker, false, (w, job) -> {
                sleep(2);
                return null;
              }),
              key,
              onNode2),
          id + "-" + worker);
    }
    awaitWorkersListedOnNode1(key, 3);

    SearchSpec spec =
        JobAccounting.spec(31, 3, 15, StrategySpec.rea(8, 3), "alpha", "beta", "gamma");
    Started s = startOnNode1(id, spec, key, log);
    SearchCoordinator.Done done = s.result().get(20, TimeUnit.SECONDS);

    JobAccounting.Outcomes outcomes =
        JobAccounting.assertEachJobIntegratedOnce(id, done, s.journal(), capture);
    assertThat(outcomes.givenUp()).isEmpty();
    done.report().tasks().forEach(t -> assertThat(t.evaluations()).isEqualTo(15));
    // Every evaluation ran in node 2's evaluators, on node 2's executor, once per job.
    assertThat(log.attempts()).hasSize(45);
    assertThat(log.attempts()).allMatch(a -> a.worker().startsWith("node2-"));
    assertThat(log.attempts()).allMatch(a -> a.thread().startsWith("node2-eval-"));
    log.assertEachRanOnceExceptRetriedOnce(job -> false);
    // The manager on node 1 integrated results reported by node 2's workers.
    Map<JobId, String> integratedBy = JobAccounting.integratedBy(id, capture);
    assertThat(integratedBy.keySet()).isEqualTo(outcomes.scored().keySet());
    assertThat(integratedBy.values()).allMatch(w -> w.startsWith("node2-w"));
    assertThat(Set.copyOf(integratedBy.values())).hasSizeGreaterThan(1);
    // (A worker first seen in the Receptionist listing joins under its actor name, which here
    // differs from the id it reports; only the count is checked.)
    assertThat(capture.eventsWhileRunning(id, "worker_joined")).hasSize(3);
    assertThat(capture.eventsWhileRunning(id, "worker_left")).isEmpty();
  }

  @Test
  @Order(2)
  void terminatingNode2MidSearchRequeuesItsJobsAndNode3FinishesTheSearch() throws Exception {
    node3 = startNode(address(node1));
    awaitUpMembers(3, node1, node3);
    String id = "c" + searches.incrementAndGet();
    ServiceKey<WorkerCommand> key = ServiceKey.create(WorkerCommand.class, "cluster-" + id);

    // Node 2's workers evaluate a few jobs, then each blocks on its next one: those two are in
    // flight on node 2 when it goes down.
    AtomicInteger node2Attempts = new AtomicInteger();
    CountDownLatch bothBlocked = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    List<JobId> heldByNode2 = Collections.synchronizedList(new ArrayList<>());
    EvaluationLog.Script node2Script =
        (worker, job) -> {
          if (node2Attempts.incrementAndGet() > 6) {
            heldByNode2.add(job.id());
            bothBlocked.countDown();
            try {
              release.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return null;
          }
          sleep(10);
          return null;
        };
    ExecutorService onNode2 = executor("node2");
    for (int i = 1; i <= 2; i++) {
      String worker = "node2-w" + i;
      node2.spawn(
          EvaluatorWorker.create(worker, log.evaluator(worker, false, node2Script), key, onNode2),
          id + "-" + worker);
    }
    node3.spawn(
        EvaluatorWorker.create(
            "node3-w1",
            log.evaluator("node3-w1", false, (w, job) -> {
              sleep(10);
              return null;
            }),
            key,
            executor("node3")),
        id + "-node3-w1");
    awaitWorkersListedOnNode1(key, 3);

    SearchSpec spec = JobAccounting.spec(37, 3, 12, StrategySpec.rea(8, 3), "alpha", "beta");
    Started s = startOnNode1(id, spec, key, log);
    assertThat(bothBlocked.await(15, TimeUnit.SECONDS)).isTrue();
    long killedAt = System.nanoTime();
    node2.shutdownTestKit();
    node2Down = true;
    release.countDown(); // the blocked evaluations return into a terminated system
    SearchCoordinator.Done done = s.result().get(20, TimeUnit.SECONDS);

    JobAccounting.Outcomes outcomes =
        JobAccounting.assertEachJobIntegratedOnce(id, done, s.journal(), capture);
    assertThat(outcomes.givenUp()).isEmpty();
    done.report().tasks().forEach(t -> assertThat(t.evaluations()).isEqualTo(12));

    // The two jobs node 2 held went back to the queue and were scored on node 3.
    assertThat(heldByNode2).hasSize(2);
    Map<JobId, String> integratedBy = JobAccounting.integratedBy(id, capture);
    for (JobId held : heldByNode2) {
      assertThat(log.attemptsOf(held))
          .extracting(EvaluationLog.Attempt::attempt, a -> a.worker().substring(0, 5))
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(1, "node2"),
              org.assertj.core.groups.Tuple.tuple(2, "node3"));
      assertThat(integratedBy.get(held)).isEqualTo("node3-w1");
      assertThat(outcomes.scored()).containsKey(held);
    }
    List<ProgressCapture.Line> lost =
        capture.eventsWhileRunning(id, "evaluation_failed").stream()
            .filter(l -> "worker_lost".equals(l.field("kind")))
            .toList();
    assertThat(lost).extracting(l -> JobId.parse(l.field("work")))
        .containsExactlyInAnyOrderElementsOf(heldByNode2);
    assertThat(lost).allMatch(l -> "true".equals(l.field("will_retry")));
    List<ProgressCapture.Line> left = capture.eventsWhileRunning(id, "worker_left");
    assertThat(left)
        .extracting(l -> l.field("worker"))
        .containsExactlyInAnyOrder("node2-w1", "node2-w2");
    assertThat(left).allMatch(l -> "1".equals(l.field("requeued")));
    // After the kill only node 3 evaluated; every other job ran exactly once.
    assertThat(log.attempts())
        .filteredOn(a -> a.startedNanos() > killedAt)
        .allMatch(a -> a.worker().equals("node3-w1"))
        .isNotEmpty();
    log.assertEachRanOnceExceptRetriedOnce(heldByNode2::contains);
    Set<String> survivors =
        log.attempts().stream().map(EvaluationLog.Attempt::worker).collect(Collectors.toSet());
    assertThat(survivors).containsExactlyInAnyOrder("node2-w1", "node2-w2", "node3-w1");
  }

  @Test
  @Order(3)
  void aCrashedNodeIsDownedItsJobsRequeuedAndAWorkerAddedLaterOnNode1FinishesTheSearch()
      throws Exception {
    // Node 4 "crashes": its system stops without leaving the cluster, as a killed process would.
    node4 =
        startNode(
            address(node1),
            ConfigFactory.parseString(
                    """
                    pekko.coordinated-shutdown.run-by-actor-system-terminate = off
                    pekko.cluster.run-coordinated-shutdown-when-down = off
                    """)
                .withFallback(nodeConfig()));
    awaitUpMembers(3, node1, node4);
    String id = "c" + searches.incrementAndGet();
    ServiceKey<WorkerCommand> key = ServiceKey.create(WorkerCommand.class, "cluster-" + id);

    AtomicInteger node4Attempts = new AtomicInteger();
    CountDownLatch blocked = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    List<JobId> heldByNode4 = Collections.synchronizedList(new ArrayList<>());
    EvaluationLog.Script node4Script =
        (worker, job) -> {
          if (node4Attempts.incrementAndGet() > 4) {
            heldByNode4.add(job.id());
            blocked.countDown();
            try {
              release.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return null;
          }
          sleep(5);
          return null;
        };
    ExecutorService onNode4 = executor("node4");
    for (int i = 1; i <= 2; i++) {
      String worker = "node4-w" + i;
      node4.spawn(
          EvaluatorWorker.create(worker, log.evaluator(worker, false, node4Script), key, onNode4),
          id + "-" + worker);
    }
    awaitWorkersListedOnNode1(key, 2);

    SearchSpec spec = JobAccounting.spec(41, 2, 8, StrategySpec.rea(6, 3), "alpha", "beta");
    Started s = startOnNode1(id, spec, key, log);
    assertThat(blocked.await(15, TimeUnit.SECONDS)).isTrue();
    Address crashed = address(node4);
    long crashedAt = System.nanoTime();
    node4.shutdownTestKit();
    release.countDown();
    // What the split-brain resolver (or an operator) does for a node that stopped answering.
    Cluster.get(node1.system()).manager().tell(new Down(crashed));
    // Nothing can run until a worker appears: one is added on node 1 only now.
    node1.spawn(
        EvaluatorWorker.create(
            "node1-late",
            log.evaluator("node1-late", false, EvaluationLog.NO_FAULTS),
            key,
            executor("node1-late")),
        id + "-node1-late");
    SearchCoordinator.Done done = s.result().get(20, TimeUnit.SECONDS);

    JobAccounting.Outcomes outcomes =
        JobAccounting.assertEachJobIntegratedOnce(id, done, s.journal(), capture);
    assertThat(outcomes.givenUp()).isEmpty();
    done.report().tasks().forEach(t -> assertThat(t.evaluations()).isEqualTo(8));
    assertThat(heldByNode4).hasSize(2);
    Map<JobId, String> integratedBy = JobAccounting.integratedBy(id, capture);
    for (JobId held : heldByNode4) {
      assertThat(log.attemptsOf(held))
          .extracting(EvaluationLog.Attempt::attempt, EvaluationLog.Attempt::worker)
          .last()
          .isEqualTo(org.assertj.core.groups.Tuple.tuple(2, "node1-late"));
      assertThat(integratedBy.get(held)).isEqualTo("node1-late");
    }
    assertThat(log.attempts())
        .filteredOn(a -> a.startedNanos() > crashedAt)
        .isNotEmpty()
        .allMatch(a -> a.worker().equals("node1-late"));
    log.assertEachRanOnceExceptRetriedOnce(heldByNode4::contains);
    assertThat(capture.eventsWhileRunning(id, "worker_left"))
        .extracting(l -> l.field("worker"))
        .containsExactlyInAnyOrder("node4-w1", "node4-w2");
  }
}
