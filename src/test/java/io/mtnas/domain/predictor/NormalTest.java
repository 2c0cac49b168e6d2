package io.mtnas.domain.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NormalTest {
  @Test
  void knownValues() {
    assertThat(Normal.cdf(0)).isCloseTo(0.5, within(1e-5));
    assertThat(Normal.cdf(1.959964)).isCloseTo(0.975, within(1e-6));
    assertThat(Normal.cdf(-1)).isCloseTo(0.158655, within(1e-6));
    assertThat(Normal.density(0)).isCloseTo(0.398942, within(1e-6));
    assertThat(Normal.quantile(0.975)).isCloseTo(1.959964, within(1e-6));
    assertThat(Normal.quantile(0.5)).isCloseTo(0, within(1e-9));
  }

  @Test
  void quantileInvertsTheDistributionFunctionInBothTails() {
    for (double x = -5; x <= 5; x += 0.25) {
      assertThat(Normal.quantile(Normal.cdf(x))).as("x = " + x).isCloseTo(x, within(2e-5));
    }
  }

  @Test
  void quantileRejectsProbabilitiesOutsideTheOpenInterval() {
    assertThatThrownBy(() -> Normal.quantile(0)).hasMessageContaining("got 0.0");
    assertThatThrownBy(() -> Normal.quantile(1)).hasMessageContaining("(0, 1)");
  }
}
