package com.contactproperties.property;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Date values: a calendar date is stored as {@code YYYY-MM-DD}; a date-time as RFC 3339 in UTC.
 * Date-times without an offset are read in the tenant's zone, never the server's.
 * {@code DD/MM/YYYY} is refused rather than guessed.
 */
final class DateValues {

    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern US_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");
    private static final Pattern SLASHED_ISO_DATE = Pattern.compile("(\\d{4})/(\\d{1,2})/(\\d{1,2})");
    private static final Pattern DATE_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?([Zz]|[+-]\\d{2}:\\d{2})?");
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm")
            .optionalStart()
            .appendPattern(":ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);
    private static final String ACCEPTED =
            "use YYYY-MM-DD, MM/DD/YYYY, YYYY/MM/DD or an RFC 3339 date-time such as 2019-12-31T10:00:00Z"
                    + " (DD/MM/YYYY is not accepted)";

    private DateValues() {}

    static String normalise(String raw, ZoneId zone, Value value) {
        String text = raw.strip();
        try {
            Matcher m;
            if ((m = ISO_DATE.matcher(text)).matches()) {
                return date(m.group(1), m.group(2), m.group(3));
            }
            if ((m = US_DATE.matcher(text)).matches()) {
                return date(m.group(3), m.group(1), m.group(2));
            }
            if ((m = SLASHED_ISO_DATE.matcher(text)).matches()) {
                return date(m.group(1), m.group(2), m.group(3));
            }
            if ((m = DATE_TIME.matcher(text)).matches()) {
                return m.group(3) == null ? localDateTime(text, zone) : offsetDateTime(text, m.group(1) == null);
            }
        } catch (DateTimeException e) {
            throw value.error("is not a real calendar date or time: " + ACCEPTED);
        }
        throw value.error("is not a valid date: " + ACCEPTED);
    }

    private static String date(String year, String month, String day) {
        return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day))
                .toString();
    }

    private static String localDateTime(String text, ZoneId zone) {
        LocalDateTime local = LocalDateTime.parse(text.replace('t', 'T'), LOCAL);
        return DateTimeFormatter.ISO_INSTANT.format(local.atZone(zone).toInstant());
    }

    private static String offsetDateTime(String text, boolean withoutSeconds) {
        String full = text.toUpperCase();
        if (withoutSeconds) {
            full = full.substring(0, 16) + ":00" + full.substring(16);
        }
        return DateTimeFormatter.ISO_INSTANT.format(OffsetDateTime.parse(full).toInstant());
    }
}
