package io.mtnas.domain.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransNasMicroSpaceTest {
  private static final TransNasMicroSpace TRANSNAS = (TransNasMicroSpace) SearchSpaces.transNasMicro();
  /** The README's example: a = skip, b,c = none, conv1x1, d,e,f = conv3x3 x3. */
  private static final String EXAMPLE = "64-41414-1_02_333";
  private static final String EXAMPLE_CELL =
      "|skip_connect~0|+|none~0|nor_conv_1x1~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|";
  private static final String LEGEND = "0 none, 1 skip_connect, 2 nor_conv_1x1, 3 nor_conv_3x3";

  @Test
  void knowsItsOperations() {
    assertThat(TRANSNAS.id()).isEqualTo("transnas-micro");
    assertThat(TRANSNAS.operations()).containsExactly("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3");
    assertThat(TRANSNAS.size()).isEqualTo(4_096);
  }

  @Test
  void parsesTheOfficialStringEdgeByEdge() {
    Architecture a = TRANSNAS.parse(EXAMPLE);
    assertThat(a.operations()).containsExactly(1, 0, 2, 3, 3, 3);
    assertThat(a.index()).isEqualTo(0b01_00_10_11_11_11);
    assertThat(TRANSNAS.format(a)).isEqualTo(EXAMPLE);
  }

  @Test
  void acceptsTheCellStringAndTheOpCode() {
    Architecture a = TRANSNAS.parse(EXAMPLE);
    assertThat(TRANSNAS.parse(EXAMPLE_CELL)).isEqualTo(a);
    assertThat(TRANSNAS.parse("102333")).isEqualTo(a);
    assertThat(TRANSNAS.cellString(a)).isEqualTo(EXAMPLE_CELL);
  }

  @Test
  void cellStringRoundTripsForEveryArchitecture() {
    for (long i = 0; i < TRANSNAS.size(); i++) {
      Architecture a = TRANSNAS.fromIndex(i);
      assertThat(TRANSNAS.parse(TRANSNAS.cellString(a))).isEqualTo(a);
      assertThat(TRANSNAS.parse(SearchSpaces.nb201().format(SearchSpaces.nb201().of(a.operations()))))
          .as("an NB201 cell without avg_pool is the same TransNAS cell")
          .isEqualTo(a);
    }
  }

  @Test
  void trimsSurroundingWhitespace() {
    assertThat(TRANSNAS.parse(" " + EXAMPLE + "\r\n")).isEqualTo(TRANSNAS.parse(EXAMPLE));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("", "input is blank"),
        Arguments.of("1_02_333",
            "expected 3 '-'-separated parts like \"64-41414-a_bc_def\" (channels, macro skeleton, cell), got 1"),
        Arguments.of("64-41414-1_02_333-",
            "expected 3 '-'-separated parts like \"64-41414-a_bc_def\" (channels, macro skeleton, cell), got 4"),
        Arguments.of("32-41414-1_02_333",
            "the macro skeleton is fixed at \"64-41414\" in this space, got \"32-41414\""),
        Arguments.of("64-41144-1_02_333",
            "the macro skeleton is fixed at \"64-41414\" in this space, got \"64-41144\""),
        Arguments.of("64-41414-1_02",
            "cell \"1_02\" must have 3 '_'-separated groups (the inputs of nodes 1..3), got 2"),
        Arguments.of("64-41414-102333",
            "cell \"102333\" must have 3 '_'-separated groups (the inputs of nodes 1..3), got 1"),
        Arguments.of("64-41414-1_2_333",
            "cell group 2 \"2\" must have 2 digit(s), one per edge into node 2, got 1"),
        Arguments.of("64-41414-_02_333",
            "cell group 1 \"\" must have 1 digit(s), one per edge into node 1, got 0"),
        Arguments.of("64-41414-1_02_373",
            "cell group 3, digit 2 '7' is not an operation (" + LEGEND + ")"),
        Arguments.of("64-41414-1_0x_333",
            "cell group 2, digit 2 'x' is not an operation (" + LEGEND + ")"),
        Arguments.of("64-41414-4_02_333",
            "cell group 1, digit 1 '4' is not an operation (" + LEGEND + ")"),
        Arguments.of("|avg_pool_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|",
            "group 1, edge 1 \"avg_pool_3x3~0\": unknown operation \"avg_pool_3x3\" "
                + "(known: none, skip_connect, nor_conv_1x1, nor_conv_3x3)"),
        Arguments.of("|none~0|+|none~0|none~2|+|none~0|none~1|none~2|",
            "group 2, edge 2 \"none~2\": source node must be 1 (node 2 lists its inputs from node 0 up), got 2"),
        Arguments.of("102334", "op code digit 6 '4' is not an operation (" + LEGEND + ")"),
        Arguments.of("10233", "op code must have 6 digits (edges 1<-0, 2<-0, 2<-1, 3<-0, 3<-1, 3<-2), got 5"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void rejectsMalformedInputQuotingItAndNamingTheProblem(String input, String problem) {
    assertThatThrownBy(() -> TRANSNAS.parse(input))
        .isInstanceOf(ArchitectureFormatException.class)
        .hasMessage("transnas-micro architecture \"" + input + "\": " + problem);
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> TRANSNAS.parse(null))
        .isInstanceOf(ArchitectureFormatException.class)
        .hasMessage("transnas-micro architecture null: input is null");
  }
}
