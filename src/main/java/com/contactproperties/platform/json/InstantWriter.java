package com.contactproperties.platform.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes every {@link Instant} of a response exactly as {@code DateTimeFormatter.ISO_INSTANT} does
 * ({@code 2024-01-06T05:00:00Z}, with 3, 6 or 9 fraction digits when there is a fraction), without
 * the formatter's general machinery, which showed in profiles of a list (bench/RESULTS.md).
 */
@Singleton
public class InstantWriter extends StdSerializer<Instant> implements ObjectMapperCustomizer {

    public InstantWriter() {
        super(Instant.class);
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("instants").addSerializer(Instant.class, this));
    }

    @Override
    public int priority() {
        // After the default customizer, which registers the java.time module this overrides.
        return MINIMUM_PRIORITY;
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeString(format(value));
    }

    /** The ISO-8601 form of {@code instant} in UTC, as {@link Instant#toString()} writes it. */
    public static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return instant.toString();
        }
        int nano = instant.getNano();
        int digits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        char[] out = new char[20 + (digits == 0 ? 0 : digits + 1)];
        put(out, 0, t.getYear(), 4);
        out[4] = '-';
        put(out, 5, t.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, t.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, t.getHour(), 2);
        out[13] = ':';
        put(out, 14, t.getMinute(), 2);
        out[16] = ':';
        put(out, 17, t.getSecond(), 2);
        int end = 19;
        if (digits > 0) {
            out[end++] = '.';
            put(out, end, nano / (digits == 3 ? 1_000_000 : digits == 6 ? 1_000 : 1), digits);
            end += digits;
        }
        out[end] = 'Z';
        return new String(out);
    }

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
