package io.mtnas.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.adapter.store.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ServeKillTest} on PostgreSQL (config mtnas.db.url): the same kills, the same checks. */
class ServePostgresKillTest {
  @TempDir Path work;

  @Test
  void aServiceOnPostgresKilledAtRandomMomentsLosesNothingAndCountsNothingTwice() throws Exception {
    String url = TestPostgres.freshDatabase("mtnas_kill");
    ServeKillTest.Outcome o;
    try {
      o = ServeKillTest.killAndRestart(work, TestPostgres.serveEnv(url), Integer.getInteger("mtnas.kills", 10),
          20261208L);
    } finally {
      TestPostgres.drop(url);
    }
    assertThat(o.lost()).isZero();
    // nothing went to the embedded H2 file: the service used the configured database
    assertThat(work.resolve("data").resolve("journal.mv.db")).doesNotExist();
    assertThat(Files.exists(work.resolve("data"))).isTrue();
  }
}
