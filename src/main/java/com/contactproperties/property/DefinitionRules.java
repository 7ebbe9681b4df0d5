package com.contactproperties.property;

import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.error.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The rules a definition must satisfy, checked before anything is written; errors use the domain's field names. */
final class DefinitionRules {

    static final int MAX_TITLE = 100;
    static final int MAX_CHOICE = 100;
    static final int MAX_CHOICES = 1_000;
    static final int MAX_DESCRIPTION = 2_000;

    private DefinitionRules() {}

    static String title(String requested) {
        if (requested == null) {
            throw new DomainException.Invalid("title", "is required");
        }
        String title = requested.strip();
        int length = title.codePointCount(0, title.length());
        if (length == 0 || length > MAX_TITLE || title.codePoints().anyMatch(Character::isISOControl)) {
            throw new DomainException.Invalid(
                    "title", "must be 1 to " + MAX_TITLE + " characters after trimming, without control characters");
        }
        return title;
    }

    static PropertyType type(String requested) {
        if (requested == null) {
            throw new DomainException.Invalid("type", "is required: one of " + PropertyType.NAMES);
        }
        return PropertyType.fromWire(requested)
                .orElseThrow(() -> new DomainException.Invalid(
                        "type", "'" + requested + "' is not a property type: use one of " + PropertyType.NAMES));
    }

    /** The choices of a definition of the given type: required for choice types, refused for others. */
    static List<String> choices(PropertyType type, List<String> requested) {
        if (!type.hasChoices()) {
            if (requested != null && !requested.isEmpty()) {
                throw new DomainException.Invalid(
                        "choices", "only single_choice and multiple_choice properties take choices");
            }
            return List.of();
        }
        if (requested == null || requested.isEmpty()) {
            throw new DomainException.Invalid(
                    "choices",
                    "are required for a " + type.wire() + " property: give 1 to " + MAX_CHOICES + " choices");
        }
        if (requested.size() > MAX_CHOICES) {
            throw new DomainException.Invalid(
                    "choices", "must be at most " + MAX_CHOICES + ", were " + requested.size());
        }
        List<FieldError> errors = new ArrayList<>();
        List<String> choices = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String choice = requested.get(i) == null ? "" : requested.get(i).strip();
            if (choice.isEmpty() || choice.codePointCount(0, choice.length()) > MAX_CHOICE || choice.contains(",")) {
                errors.add(new FieldError(
                        "choices[" + i + "]", "must be 1 to " + MAX_CHOICE + " characters without commas"));
            } else if (!seen.add(choice.toLowerCase(Locale.ROOT))) {
                errors.add(
                        new FieldError("choices[" + i + "]", "'" + choice + "' is listed twice (choices ignore case)"));
            }
            choices.add(choice);
        }
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        return List.copyOf(choices);
    }

    static String description(String requested) {
        if (requested == null || requested.isBlank()) {
            return null;
        }
        if (requested.length() > MAX_DESCRIPTION) {
            throw new DomainException.Invalid("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        return requested.strip();
    }

    /** The definition as a change leaves it: the fields the command names, the key and origin unchanged. */
    static PropertyDefinition changed(PropertyDefinition current, DefinitionCommands.Change command, Instant now) {
        String title = command.title() == null ? current.title() : title(command.title());
        PropertyType type = command.type() == null ? current.type() : type(command.type());
        List<String> requestedChoices =
                command.choices() == null && type == current.type() ? current.choices() : command.choices();
        String description = command.description() == null
                ? current.description()
                : description(command.description().orElse(null));
        boolean agentActive = command.agentActive() == null ? current.agentActive() : command.agentActive();
        // A whole-number property stays one while it is a number; retyped, it loses the restriction.
        return new PropertyDefinition(
                current.entityType(),
                current.key(),
                title,
                type,
                choices(type, requestedChoices),
                description,
                agentActive,
                current.predefined(),
                current.createdAt(),
                current.createdBy(),
                now,
                current.wholeNumber() && type == PropertyType.NUMBER);
    }

    /**
     * Checks a change of a definition: a predefined field keeps its type, and choices are renamed only
     * to new choices. Answers whether stored values must be converted (type, or choices dropped or renamed).
     */
    static boolean changesValues(PropertyDefinition current, PropertyDefinition next, Map<String, String> renames) {
        boolean retyped = next.type() != current.type();
        if (current.predefined() && retyped) {
            throw new DomainException.Conflict(
                    "type", "'" + current.title() + "' is a predefined field and its type cannot change");
        }
        List<FieldError> errors = new ArrayList<>();
        renames.forEach((from, to) -> {
            if (!next.type().hasChoices() || !next.choices().contains(to)) {
                errors.add(new FieldError(
                        "choiceRenames." + from, "renames to '" + to + "', which is not one of the new choices"));
            }
        });
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        return retyped || !next.choices().containsAll(current.choices()) || !renames.isEmpty();
    }
}
