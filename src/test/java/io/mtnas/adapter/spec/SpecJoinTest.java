package io.mtnas.adapter.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtnas.adapter.benchmark.BenchmarkTables;
import io.mtnas.adapter.benchmark.SpecFixtureTables;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.TaskSpec;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Tasks that join a search: {@code join_after} in a spec, and the body of {@code POST .../tasks}. */
class SpecJoinTest {
  private static final BenchmarkTables TABLES = SpecFixtureTables.both();
  private static final String C10 = """
      {"name": "c10", "benchmark": "nb201", "fitness": "cifar10valid_val_acc_200ep", "direction": "max",
       "budget": 100}""";
  private static final String C100 = """
      {"name": "c100", "benchmark": "nb201", "fitness": "cifar100_val_acc_200ep_derived", "direction": "max",
       "budget": 50, "join_after": 40}""";

  private static String spec(String strategy, String... tasks) {
    return "{\"name\": \"j\", \"seed\": 3, \"strategy\": " + strategy + ", \"tasks\": [" + String.join(",", tasks)
        + "]}";
  }

  private static SearchSpec parse(String text) {
    return new SpecReader().parse("spec.json", text, TABLES);
  }

  @Test
  void aTaskWithJoinAfterJoinsLaterAndSurvivesTheWriter() {
    SearchSpec s = parse(spec("{\"kind\": \"rea\"}", C10, C100));
    assertThat(s.task("c100").joinAfter()).isEqualTo(OptionalLong.of(40));
    assertThat(s.task("c10").starts()).isTrue();
    assertThat(s.startingTasks()).extracting(TaskSpec::name).containsExactly("c10");
    assertThat(parse(SpecWriter.toJson(s))).isEqualTo(s);
  }

  @Test
  void joinAfterMustBeAPositiveCountAndOneTaskMustStart() {
    assertThatThrownBy(() -> parse(spec("{\"kind\": \"rea\"}", C10, C100.replace("40", "0"))))
        .hasMessageStartingWith("spec.json: $.tasks[1].join_after: ");
    assertThatThrownBy(() -> parse(spec("{\"kind\": \"rea\"}", C100)))
        .hasMessage("spec.json: $.tasks: every task has join_after; at least one must be searched from the start");
  }

  @Test
  void aJoiningTaskIsReadAgainstTheSearch() {
    SearchSpec search = parse(spec("{\"kind\": \"rea\"}", C10));
    TaskSpec t = new SpecReader().parseTask("request body", C100.replace(", \"join_after\": 40", ""), search, TABLES);
    assertThat(t.name()).isEqualTo("c100");
    assertThat(t.budget()).isEqualTo(50);
    assertThat(t.starts()).isTrue();
  }

  @Test
  void aJoiningTaskWithATakenNameAWrongFieldOrAnotherSpaceIsRefusedNamingTheField() {
    SearchSpec search = parse(spec("{\"kind\": \"rea\"}", C10));
    SpecReader reader = new SpecReader();
    assertThatThrownBy(() -> reader.parseTask("request body", C10, search, TABLES))
        .hasMessage("request body: $.name: the search already has a task \"c10\"");
    assertThatThrownBy(() -> reader.parseTask("request body", C100.replace("\"budget\": 50", "\"budget\": 0"), search,
        TABLES)).hasMessageStartingWith("request body: $.budget: must be in 1..15625");
    assertThatThrownBy(() -> reader.parseTask("request body", C100.replace("direction", "direktion"), search, TABLES))
        .hasMessageStartingWith("request body: $.direktion: unknown key");
    String room = """
        {"name": "room", "benchmark": "transnas-micro", "fitness": "room_layout_val_neg_l2loss_final",
         "direction": "max", "budget": 10}""";
    assertThatThrownBy(() -> reader.parseTask("request body", room, search, TABLES))
        .hasMessageStartingWith("request body: $.benchmark: benchmark \"transnas-micro\" is in space");
    assertThatThrownBy(() -> reader.parseTask("request body", "[1]", search, TABLES))
        .hasMessageStartingWith("request body: $: ");
    assertThatThrownBy(() -> reader.parseTask("request body", "{", search, TABLES))
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void aSearchRankedByZeroCostProxiesNeedsTheJoiningTaskToNameOne() {
    String guided = "{\"kind\": \"rea\", \"candidates\": 20, \"samples\": 100, \"zero_cost\": true}";
    SearchSpec search = parse(spec(guided, C10.replace("\"budget\": 100", "\"budget\": 100, \"proxy_metrics\": [\"cifar10_freerea_synflow\"]")));
    assertThatThrownBy(() -> new SpecReader().parseTask("request body", C100.replace(", \"join_after\": 40", ""), search,
        TABLES)).hasMessageStartingWith("request body: $.proxy_metrics: the search ranks by zero-cost proxies");
  }

  @Test
  void warmFromNamesEarlierSearchesEachOnceAndSurvivesTheWriter() {
    String text = spec("{\"kind\": \"rea\"}", C10).replaceFirst("\\{", "{\"warm_from\": [\"a-1\", \"b-2\"], ");
    SearchSpec s = parse(text);
    assertThat(s.warmFrom()).containsExactly("a-1", "b-2");
    assertThat(parse(SpecWriter.toJson(s))).isEqualTo(s);
    assertThatThrownBy(() -> parse(text.replace("\"b-2\"", "\"a-1\"")))
        .hasMessageStartingWith("spec.json: $.warm_from[1]: ");
    assertThatThrownBy(() -> parse(text.replace("[\"a-1\", \"b-2\"]", "\"a-1\"")))
        .hasMessageStartingWith("spec.json: $.warm_from: must be an array of strings");
  }
}
