package com.contactproperties.property;

import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.error.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Custom values a request sets and clears, validated and in stored form, ready for one atomic
 * merge: {@code custom_fields || set - cleared}. Values of the predefined fields ({@code email},
 * {@code phone}) are contact columns and come apart in {@code predefined} (empty: clear).
 */
public record ValuePatch(ObjectNode set, Set<String> cleared, Map<String, Optional<String>> predefined) {

    /** A patch that changes nothing. */
    public static final ValuePatch NONE = new ValuePatch(JsonNodeFactory.instance.objectNode(), Set.of(), Map.of());

    /**
     * Validates every named value; the names may be any spelling of a property. All errors are
     * reported together (422), each under {@code fieldPrefix} and the name as the client wrote it.
     */
    public static ValuePatch of(
            DefinitionIndex index, Map<String, JsonNode> values, ValueContext context, String fieldPrefix) {
        ObjectNode set = JsonNodeFactory.instance.objectNode();
        Set<String> cleared = new LinkedHashSet<>();
        Map<String, Optional<String>> predefined = new HashMap<>();
        List<FieldError> errors = new ArrayList<>();
        values.forEach((name, input) -> {
            Optional<PropertyDefinition> definition = index.find(name);
            if (definition.isEmpty()) {
                errors.add(new FieldError(fieldPrefix + name, "'" + name + "' is not a property of this tenant"));
                return;
            }
            try {
                Optional<JsonNode> stored = TypeSystem.normalise(definition.get(), input, context);
                String key = definition.get().key();
                if (definition.get().predefined()) {
                    predefined.put(key, stored.map(JsonNode::textValue));
                } else if (stored.isPresent()) {
                    set.set(key, stored.get());
                    cleared.remove(key);
                } else {
                    set.remove(key);
                    cleared.add(key);
                }
            } catch (ValueException e) {
                errors.add(new FieldError(fieldPrefix + name, e.getMessage()));
            }
        });
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        return new ValuePatch(set, cleared, predefined);
    }
}
