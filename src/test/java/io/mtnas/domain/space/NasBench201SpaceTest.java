package io.mtnas.domain.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NasBench201SpaceTest {
  private static final SearchSpace NB201 = SearchSpaces.nb201();
  /** Official index 0 of NAS-Bench-201. */
  private static final String FIRST_OFFICIAL =
      "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|";
  private static final String ALL_NONE = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";
  private static final String KNOWN = "none, skip_connect, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3";

  @Test
  void knowsTheOfficialOperationsInOfficialOrder() {
    assertThat(NB201.id()).isEqualTo("nb201");
    assertThat(NB201.operations())
        .containsExactly("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3");
    assertThat(NB201.size()).isEqualTo(15_625);
  }

  @Test
  void parsesTheOfficialStringEdgeByEdge() {
    Architecture a = NB201.parse(FIRST_OFFICIAL);
    // edges 1<-0, 2<-0, 2<-1, 3<-0, 3<-1, 3<-2
    assertThat(a.operations()).containsExactly(4, 2, 1, 2, 1, 1);
    assertThat(a.operationName(0)).isEqualTo("avg_pool_3x3");
    assertThat(NB201.format(a)).isEqualTo(FIRST_OFFICIAL);
    assertThat(a).hasToString(FIRST_OFFICIAL);
  }

  @Test
  void parsesTheSixDigitOpCodeToo() {
    assertThat(NB201.parse("421211")).isEqualTo(NB201.parse(FIRST_OFFICIAL));
    assertThat(NB201.parse("000000")).isEqualTo(NB201.parse(ALL_NONE));
    assertThat(NB201.parse("000000").index()).isZero();
  }

  @Test
  void trimsSurroundingWhitespace() {
    assertThat(NB201.parse("  " + FIRST_OFFICIAL + "\n")).isEqualTo(NB201.parse(FIRST_OFFICIAL));
    assertThat(NB201.parse("\t421211 ")).isEqualTo(NB201.parse(FIRST_OFFICIAL));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("", "input is blank"),
        Arguments.of(" \t", "input is blank"),
        Arguments.of("|none~0|+|none~0|none~1|",
            "expected 3 '+'-separated groups (the inputs of nodes 1..3), got 2"),
        Arguments.of(ALL_NONE + "+|none~3|",
            "expected 3 '+'-separated groups (the inputs of nodes 1..3), got 4"),
        Arguments.of("none~0|+|none~0|none~1|+|none~0|none~1|none~2|",
            "group 1 \"none~0|\" must start and end with '|'"),
        Arguments.of("|none~0|+|none~0|none~1+|none~0|none~1|none~2|",
            "group 2 \"|none~0|none~1\" must start and end with '|'"),
        Arguments.of("|none~0|+|none~0|none~1|+",
            "group 3 \"\" must start and end with '|'"),
        Arguments.of("|none~0|+|none~0|+|none~0|none~1|none~2|",
            "group 2 \"|none~0|\" has 1 edge(s), expected 2 (one from each of nodes 0..1)"),
        Arguments.of("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|none~3|",
            "group 3 \"|none~0|none~1|none~2|none~3|\" has 4 edge(s), expected 3 (one from each of nodes 0..2)"),
        Arguments.of("|none~0|+|none~0||+|none~0|none~1|none~2|",
            "group 2, edge 2 is empty"),
        Arguments.of("|none0|+|none~0|none~1|+|none~0|none~1|none~2|",
            "group 1, edge 1 \"none0\": missing '~' between operation and source node"),
        Arguments.of("|none~0|+|conv5~0|none~1|+|none~0|none~1|none~2|",
            "group 2, edge 1 \"conv5~0\": unknown operation \"conv5\" (known: " + KNOWN + ")"),
        Arguments.of("|none~0|+|none~0|none~1|+|none~0|None~1|none~2|",
            "group 3, edge 2 \"None~1\": unknown operation \"None\" (known: " + KNOWN + ")"),
        Arguments.of("|none ~0|+|none~0|none~1|+|none~0|none~1|none~2|",
            "group 1, edge 1 \"none ~0\": unknown operation \"none \" (known: " + KNOWN + ")"),
        Arguments.of("|none~0|+|none~0|none~1|+|none~0|none~1|none~x|",
            "group 3, edge 3 \"none~x\": source node \"x\" is not a number"),
        Arguments.of("|none~|+|none~0|none~1|+|none~0|none~1|none~2|",
            "group 1, edge 1 \"none~\": source node \"\" is not a number"),
        Arguments.of("|none~0|+|none~1|none~0|+|none~0|none~1|none~2|",
            "group 2, edge 1 \"none~1\": source node must be 0 (node 2 lists its inputs from node 0 up), got 1"),
        Arguments.of("|none~00|+|none~0|none~1|+|none~0|none~1|none~2|",
            "group 1, edge 1 \"none~00\": source node must be 0 (node 1 lists its inputs from node 0 up), got 00"),
        Arguments.of("42121",
            "op code must have 6 digits (edges 1<-0, 2<-0, 2<-1, 3<-0, 3<-1, 3<-2), got 5"),
        Arguments.of("4212111",
            "op code must have 6 digits (edges 1<-0, 2<-0, 2<-1, 3<-0, 3<-1, 3<-2), got 7"),
        Arguments.of("421251",
            "op code digit 5 '5' is not an operation (0 none, 1 skip_connect, 2 nor_conv_1x1, "
                + "3 nor_conv_3x3, 4 avg_pool_3x3)"),
        Arguments.of("64-41414-1_02_333",
            "expected 3 '+'-separated groups (the inputs of nodes 1..3), got 1"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void rejectsMalformedInputQuotingItAndNamingTheProblem(String input, String problem) {
    assertThatThrownBy(() -> NB201.parse(input))
        .isInstanceOfSatisfying(ArchitectureFormatException.class, e -> assertThat(e.input()).isEqualTo(input))
        .hasMessage("nb201 architecture \"" + input + "\": " + problem);
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> NB201.parse(null))
        .isInstanceOf(ArchitectureFormatException.class)
        .hasMessage("nb201 architecture null: input is null");
  }
}
