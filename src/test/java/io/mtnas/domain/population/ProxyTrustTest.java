package io.mtnas.domain.population;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.evaluation.Direction;
import org.junit.jupiter.api.Test;

/** The proxy keeps its say while it orders the task's better results the right way. */
class ProxyTrustTest {
  @Test
  void aProxyIsTrustedUntilThereAreEnoughResults() {
    ProxyTrust t = ProxyTrust.empty(Direction.MAX);
    for (int i = 0; i < ProxyTrust.MIN_RESULTS - 1; i++) {
      t = t.with(-i, i); // perfectly wrong, but too few results to tell
    }
    assertThat(t.trusted()).isTrue();
    assertThat(t.with(-100, 100).trusted()).isFalse();
  }

  @Test
  void aProxyThatAgreesOnTheBetterHalfIsTrusted() {
    ProxyTrust t = ProxyTrust.empty(Direction.MAX);
    for (int f = 1; f <= 20; f++) {
      t = t.with(f * 2.0, f);
    }
    assertThat(t.upperHalfCorrelation()).isEqualTo(1.0);
    assertThat(t.trusted()).isTrue();
  }

  @Test
  void aProxyThatOnlySeparatesTheBrokenFromTheRestIsNot() {
    ProxyTrust t = ProxyTrust.empty(Direction.MAX);
    for (int f = 1; f <= 20; f++) {
      t = t.with(f <= 10 ? f : 30 - f, f); // rises with fitness up to the median, then falls
    }
    assertThat(t.upperHalfCorrelation()).isEqualTo(-1.0);
    assertThat(t.trusted()).isFalse();
  }

  @Test
  void forAMinimisedTaskTheBetterHalfIsTheLowerValues() {
    ProxyTrust t = ProxyTrust.empty(Direction.MIN);
    for (int loss = 1; loss <= 20; loss++) {
      t = t.with(-loss, loss); // a higher proxy for a lower loss: right
    }
    assertThat(t.upperHalfCorrelation()).isEqualTo(1.0);
    assertThat(t.trusted()).isTrue();
  }

  @Test
  void nonFiniteValuesAreIgnored() {
    ProxyTrust t = ProxyTrust.empty(Direction.MAX).with(Double.NaN, 1).with(Double.NEGATIVE_INFINITY, 2).with(1, 3);
    assertThat(t.results()).isEqualTo(1);
  }

  @Test
  void pastAThousandResultsTheVerdictIsRevisitedAfterEachFivePercent() {
    ProxyTrust t = ProxyTrust.empty(Direction.MAX);
    for (int f = 1; f <= 1000; f++) {
      t = t.with(1 - f % 2, f); // barely agrees on the better half: even fitness, higher proxy
    }
    assertThat(t.trusted()).isTrue();
    for (int i = 0; i < 49; i++) {
      t = t.with(-1e6 - i, 2000 + i); // the best results, with the worst proxy values
    }
    assertThat(t.trusted()).as("1,049 results: no revisit since 1,000").isTrue();
    t = t.with(-2e6, 3000);
    assertThat(t.results()).isEqualTo(1050);
    assertThat(t.upperHalfCorrelation()).isNegative();
    assertThat(t.trusted()).as("revisited at 1,050").isFalse();
  }
}
