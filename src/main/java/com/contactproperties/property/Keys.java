package com.contactproperties.property;

import java.text.Normalizer;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Property keys and their spellings. A key is generated once from the title and never changes;
 * each surface shows its own spelling of it, and every surface accepts all of them:
 * {@code lifecycle_stage} (key, /api/v2 label), {@code cf_lifecycle_stage} (/v1 id),
 * {@code lifecycleStage} (/v1 customFields), {@code lifecycle-stage} (/api/v1 slug).
 */
public final class Keys {

    /** Longest key, in characters. */
    public static final int MAX_LENGTH = 64;
    /** Prefix of the /v1 definition id. */
    public static final String ID_PREFIX = "cf_";

    // Letters that Unicode decomposition does not reduce to ASCII, but users expect spelled out.
    private static final Map<Character, String> SPELLED =
            Map.of('ß', "ss", 'æ', "ae", 'œ', "oe", 'ø', "o", 'ł', "l", 'đ', "d", 'þ', "th", 'ı', "i");

    private Keys() {}

    /** The key for a title: accents stripped, lower case, runs of other characters as one '_'. */
    public static String fromTitle(String title) {
        String lower = Normalizer.normalize(title, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        StringBuilder ascii = new StringBuilder(lower.length());
        lower.chars().forEach(c -> ascii.append(SPELLED.getOrDefault((char) c, String.valueOf((char) c))));
        String key = trim(ascii.toString().replaceAll("[^a-z0-9]+", "_"));
        key = trim(key.length() > MAX_LENGTH ? key.substring(0, MAX_LENGTH) : key);
        return key.isEmpty() ? "property" : key;
    }

    /** The first of {@code base}, {@code base_2}, {@code base_3}, … none of whose spellings is taken. */
    public static String unique(String base, Collection<String> existingKeys) {
        Set<String> taken = new HashSet<>();
        existingKeys.forEach(key -> taken.addAll(spellings(key)));
        String candidate = base;
        for (int n = 2; overlaps(spellings(candidate), taken); n++) {
            String suffix = "_" + n;
            candidate = trim(base.substring(0, Math.min(base.length(), MAX_LENGTH - suffix.length()))) + suffix;
        }
        return candidate;
    }

    /** Every spelling of a key, lower-cased: what lookups compare against. */
    public static Set<String> spellings(String key) {
        return Stream.of(key, slug(key), id(key), camel(key).toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The /v1 definition id: {@code cf_} and the key. */
    public static String id(String key) {
        return ID_PREFIX + key;
    }

    /** The /api/v1 slug: the key with '-' for '_'. */
    public static String slug(String key) {
        return key.replace('_', '-');
    }

    /**
     * Whether {@link #camel} leaves every key written in {@code text} as it is: none holds an
     * underscore. The common case of every contact's values on a list page.
     */
    public static boolean camelKeepsAll(String text) {
        return text.indexOf('_') < 0;
    }

    /** The /v1 customFields spelling: lowerCamelCase. */
    public static String camel(String key) {
        if (camelKeepsAll(key)) {
            return key;
        }
        StringBuilder camel = new StringBuilder(key.length());
        boolean upper = false;
        for (char c : key.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    /** The keys a name could spell, for lookups: the name itself, un-slugged and without the id prefix. */
    public static Set<String> candidates(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        String plain = lower.replace('-', '_');
        String unprefixed = plain.startsWith(ID_PREFIX) ? plain.substring(ID_PREFIX.length()) : plain;
        return Stream.of(lower, plain, unprefixed).collect(Collectors.toUnmodifiableSet());
    }

    private static boolean overlaps(Set<String> spellings, Set<String> taken) {
        return spellings.stream().anyMatch(taken::contains);
    }

    private static String trim(String key) {
        return key.replaceAll("^_+|_+$", "");
    }
}
