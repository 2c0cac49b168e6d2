package io.mtnas.domain.embedding;

import io.mtnas.domain.space.SearchSpace;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedders by id. Each is data-agnostic and deterministic, so one instance per (space, id)
 * serves every search of a process; building one walks the whole space (node2vec also trains), so
 * they are built once and kept.
 */
public final class Embedders {
  public static final List<String> IDS = List.of("wl", "path", "node2vec", "onehot", "live-onehot");

  private static final Map<String, Embedder> CACHE = new ConcurrentHashMap<>();

  private Embedders() {}

  public static Embedder of(String id, SearchSpace space) {
    if (!IDS.contains(id)) {
      throw new IllegalArgumentException("unknown embedding \"" + id + "\"; known: " + IDS);
    }
    return CACHE.computeIfAbsent(space.id() + "/" + id, key -> new CachedEmbedder(switch (id) {
      case "wl" -> new WlEmbedder(space, 1);
      case "path" -> new PathEmbedder(space);
      case "node2vec" -> new Node2VecEmbedder(space, Node2VecEmbedder.Settings.defaults());
      case "live-onehot" -> OneHotEmbedder.live(space);
      default -> new OneHotEmbedder(space);
    }, space.size()));
  }
}
