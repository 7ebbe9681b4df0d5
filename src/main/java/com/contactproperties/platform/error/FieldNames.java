package com.contactproperties.platform.error;

import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** Translates the domain's field names in failures into the names a surface's clients send. */
public final class FieldNames {

    private FieldNames() {}

    /** A renamer: {@code names} maps a field's first segment, {@code prefix} is put before every field. */
    public static UnaryOperator<String> of(String prefix, Map<String, String> names) {
        return field -> {
            int end = field.indexOf('[') < 0 ? field.length() : field.indexOf('[');
            return prefix + names.getOrDefault(field.substring(0, end), field.substring(0, end)) + field.substring(end);
        };
    }

    /** The operation, with the field names of its failures (thrown or emitted) renamed. */
    public static <T> Uni<T> renamed(Supplier<Uni<T>> operation, UnaryOperator<String> rename) {
        return Uni.createFrom()
                .deferred(operation::get)
                .onFailure(DomainException.class)
                .transform(e -> ((DomainException) e).withFields(rename));
    }
}
