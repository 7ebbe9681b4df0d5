package com.contactproperties.property;

import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private final Map<String, PropertyDefinition> byKey;

    private DefinitionIndex(List<PropertyDefinition> definitions) {
        this.definitions = List.copyOf(definitions);
        this.byKey = definitions.stream()
                .collect(Collectors.toUnmodifiableMap(PropertyDefinition::key, d -> d, (first, second) -> first));
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
        // The stored key itself, the common case of every write path, without deriving spellings.
        PropertyDefinition exact = byKey.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        Set<String> keys = Keys.candidates(name);
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return definitions.stream()
                .filter(d -> keys.contains(d.key()) || d.key().replace("_", "").equals(lower))
                .findFirst()
                .or(() -> definitions.stream()
                        .filter(d -> d.title().toLowerCase(Locale.ROOT).equals(lower))
                        .findFirst());
    }

    /** The keys of every live definition. */
    public Set<String> keys() {
        return definitions.stream().map(PropertyDefinition::key).collect(Collectors.toUnmodifiableSet());
    }
}
