package io.mtnas.domain.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpaces;
import io.mtnas.domain.transfer.Label;
import io.mtnas.domain.transfer.TransferHistory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriorResultsTest {
  private static Architecture a(int i) {
    return SearchSpaces.nb201().fromIndex(i);
  }

  @Test
  void anEarlierSearchsLabelsTakeItsTaskNamesAndCountRoundsBackFromEachTargetsLast() {
    List<Label> decided = List.of(new Label(a(1), "c100", "c10", true, 3), new Label(a(2), "c10", "c100", false, 8),
        new Label(a(3), "c100", "c10", false, 7), new Label(a(4), "c10", "c100", true, 2));
    List<Label> read = PriorResults.labelsOf("0123456789ab", decided);
    assertThat(read).extracting(Label::source)
        .containsExactly("01234567/c100", "01234567/c10", "01234567/c100", "01234567/c10");
    assertThat(read).extracting(Label::target).containsExactly("c10", "c100", "c10", "c100");
    assertThat(read).extracting(Label::round).containsExactly(-4, 0, 0, -6);
    assertThat(read).extracting(Label::positive).containsExactly(true, false, false, true);
  }

  @Test
  void aTargetStartsWithTheEarlierLabelsOfItsNameAlone() {
    PriorResults prior = new PriorResults(List.of(), Map.of(), List.of(
        new Label(a(1), "e/x", "c10", true, 0), new Label(a(2), "e/x", "c100", false, 0),
        new Label(a(3), "e/y", "c10", false, -9)));
    assertThat(prior.history("c10").all()).extracting(Label::architecture).containsExactly(a(1), a(3));
    // with a window of 5, the negative of round -9 no longer votes in round 0; the positive always does
    assertThat(prior.history("c10").active(0, 5)).extracting(Label::architecture).containsExactly(a(1));
    assertThat(prior.history("imagenet").all()).isEmpty();
    assertThat(PriorResults.none().history("c10").all()).isEqualTo(TransferHistory.empty().all());
  }
}
