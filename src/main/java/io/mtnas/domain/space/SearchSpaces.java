package io.mtnas.domain.space;

import java.util.List;

/** The search spaces mtnas knows, by id. */
public final class SearchSpaces {
  private SearchSpaces() {}

  public static SearchSpace nb201() {
    return NasBench201Space.INSTANCE;
  }

  public static SearchSpace transNasMicro() {
    return TransNasMicroSpace.INSTANCE;
  }

  public static List<SearchSpace> all() {
    return List.of(nb201(), transNasMicro());
  }

  /** The space with this id; the error lists the known ids. */
  public static SearchSpace byId(String id) {
    return all().stream()
        .filter(s -> s.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown search space \"" + id + "\"; known: "
                + all().stream().map(SearchSpace::id).toList()));
  }
}
