package io.mtnas.domain;

import java.util.Arrays;
import java.util.Locale;

/** An enum constant that a spec spells by its lower-case name. */
public interface SpecId {
  default String id() {
    return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
  }

  /** The constant of {@code type} whose id is {@code text}; the error lists the ids. */
  static <E extends Enum<E> & SpecId> E parse(Class<E> type, String text) {
    for (E e : type.getEnumConstants()) {
      if (e.id().equals(text)) {
        return e;
      }
    }
    throw new IllegalArgumentException("must be one of "
        + Arrays.stream(type.getEnumConstants()).map(SpecId::id).toList() + ", got \"" + text + "\"");
  }
}
