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
}
