package com.contactproperties.property;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The live definitions of one tenant and entity type, looked up by any name a client may use:
 * any spelling of a key first, then a title, case-insensitively. Key generation keeps spellings
 * unique, so a name designates at most one key.
 */
public final class DefinitionIndex {

  private final List<PropertyDefinition> definitions;

  private DefinitionIndex(List<PropertyDefinition> definitions) {
    this.definitions = List.copyOf(definitions);
  }

  /** An index over the given live definitions. */
  public static DefinitionIndex of(List<PropertyDefinition> definitions) {
    return new DefinitionIndex(definitions);
  }

  /** Every live definition. */
  public List<PropertyDefinition> all() {
    return definitions;
  }

  /** The definition a name designates, if any. */
  public Optional<PropertyDefinition> find(String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    Set<String> keys = Keys.candidates(name);
    String lower = name.strip().toLowerCase(Locale.ROOT);
    return definitions.stream()
        .filter(d -> keys.contains(d.key()) || d.key().replace("_", "").equals(lower))
        .findFirst()
        .or(() -> definitions.stream().filter(d -> d.title().toLowerCase(Locale.ROOT).equals(lower)).findFirst());
  }

  /** The keys of every live definition. */
  public Set<String> keys() {
    return definitions.stream().map(PropertyDefinition::key).collect(Collectors.toUnmodifiableSet());
  }
}
