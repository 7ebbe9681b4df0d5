package com.contactproperties.contact;

import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.error.FieldError;
import com.contactproperties.property.DefinitionIndex;
import com.contactproperties.property.TypeSystem;
import com.contactproperties.property.ValueContext;
import com.contactproperties.property.ValueException;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The rules of a contact's own fields; values are returned in stored form, errors collected into one 422. */
public final class ContactFields {

    /** Statuses a client may set; {@code auto} clears the override. */
    static final Set<String> STATUSES = Set.of("auto", "optout", "spam");

    static final int MAX_NAME = 200;
    static final int MAX_USERNAME = 100;
    private static final Set<String> LANGUAGES =
            Arrays.stream(Locale.getISOLanguages()).collect(Collectors.toSet());

    private final DefinitionIndex definitions;
    private final ValueContext context;
    private final List<FieldError> errors;

    public ContactFields(DefinitionIndex definitions, ValueContext context, List<FieldError> errors) {
        this.definitions = definitions;
        this.context = context;
        this.errors = errors;
    }

    public String name(String name) {
        String value = name == null ? "" : name.strip();
        return check(
                        "name",
                        value.codePointCount(0, value.length()) <= MAX_NAME && noControl(value),
                        "must be at most " + MAX_NAME + " characters without control characters")
                ? value
                : "";
    }

    /** An email or phone in stored form, read by the predefined property of that name; null clears. */
    public String predefined(String key, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return TypeSystem.normalise(definitions.find(key).orElseThrow(), TextNode.valueOf(value), context)
                    .map(stored -> stored.textValue())
                    .orElse(null);
        } catch (ValueException e) {
            errors.add(new FieldError(key, e.getMessage()));
            return null;
        }
    }

    public String username(String username) {
        if (username == null || username.isBlank()) {
            return null;
        }
        String value = username.strip();
        boolean valid = value.length() <= MAX_USERNAME
                && value.codePoints().noneMatch(Character::isWhitespace)
                && noControl(value);
        return check("username", valid, "must be 1 to " + MAX_USERNAME + " characters without spaces") ? value : null;
    }

    public String language(String language) {
        if (language == null || language.isBlank()) {
            return null;
        }
        String value = language.strip().toLowerCase(Locale.ROOT);
        return check(
                        "language",
                        value.length() == 2 && LANGUAGES.contains(value),
                        "'" + language + "' is not an ISO 639-1 language code such as en or pl")
                ? value
                : null;
    }

    /** The status override to store: null for {@code auto}. */
    public String status(String status) {
        if (status == null) {
            return null;
        }
        String value = status.strip().toLowerCase(Locale.ROOT);
        check("status", STATUSES.contains(value), "must be auto, optout or spam (active and archived are derived)");
        return "auto".equals(value) || !STATUSES.contains(value) ? null : value;
    }

    List<ContactCommands.IdentityInput> identities(List<ContactCommands.IdentityInput> identities) {
        if (identities == null) {
            return List.of();
        }
        for (int i = 0; i < identities.size(); i++) {
            ContactCommands.IdentityInput identity = identities.get(i);
            String field = "identities[" + i + "]";
            if (identity == null
                    || identity.channel() == null
                    || !ContactFilter.CHANNELS.contains(identity.channel())) {
                errors.add(new FieldError(
                        field + ".channel",
                        "must be one of "
                                + String.join(
                                        ", ",
                                        ContactFilter.CHANNELS.stream().sorted().toList())));
            } else if (identity.metadata() != null
                    && !identity.metadata().isObject()
                    && !identity.metadata().isNull()) {
                errors.add(new FieldError(field + ".metadata", "must be an object"));
            }
        }
        return identities;
    }

    /** Throws the collected errors, if any, as one 422. */
    void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
    }

    private boolean check(String field, boolean valid, String message) {
        if (!valid) {
            errors.add(new FieldError(field, message));
        }
        return valid;
    }

    private static boolean noControl(String value) {
        return value.codePoints().noneMatch(Character::isISOControl);
    }
}
