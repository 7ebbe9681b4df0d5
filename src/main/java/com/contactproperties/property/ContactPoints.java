package com.contactproperties.property;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Email addresses, phone numbers (via libphonenumber) and web links. */
public final class ContactPoints {

    private static final Pattern EMAIL =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63})");
    private static final int MAX_EMAIL = 254;
    private static final int MAX_LOCAL_PART = 64;
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private ContactPoints() {}

    static String email(String raw, Value value) {
        String email = raw.strip();
        int at = email.lastIndexOf('@');
        if (email.length() > MAX_EMAIL
                || at > MAX_LOCAL_PART
                || !EMAIL.matcher(email).matches()) {
            throw value.error("is not a valid email address such as name@example.com");
        }
        return email.substring(0, at + 1) + email.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * The form in which two addresses are the same contact's, as the unique index on {@code lower(email)}
     * compares them: stripped and lower-cased whole. Every lookup and match by email uses it.
     */
    public static String emailKey(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    static String phone(String raw, String defaultRegion, Value value) {
        PhoneNumber number;
        try {
            number = PHONES.parse(raw.strip(), defaultRegion == null ? "ZZ" : defaultRegion);
        } catch (NumberParseException e) {
            throw value.error(
                    e.getErrorType() == NumberParseException.ErrorType.INVALID_COUNTRY_CODE
                            ? "has no country code: write it in E.164 form such as +48123456789"
                            : "is not a phone number: write it in E.164 form such as +48123456789");
        }
        if (!PHONES.isPossibleNumber(number)) {
            throw value.error("has an impossible length for a number of country code +" + number.getCountryCode());
        }
        return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
    }

    static String url(String raw, Value value) {
        String text = raw.strip();
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return text;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw value.error("is not an absolute http or https URL such as https://example.com/page");
    }

    /** Whether a region code is one libphonenumber knows, such as {@code PL} or {@code US}. */
    public static boolean isRegion(String region) {
        return region != null && PHONES.getSupportedRegions().contains(region.toUpperCase(Locale.ROOT));
    }
}
