package com.contactproperties.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The part of a search term a search leads with: the longest run of letters and digits without a common trigram. */
class RarePartTest {

    @Test
    void skipsTheCommonTrigramsOfAWord() {
        assertEquals("r654321", ContactSearchRules.rarePart("user654321@", Set.of("use", "ser", "er6")));
        assertEquals("owalska", ContactSearchRules.rarePart("anna kowalska", Set.of("ann", "kow")));
        assertEquals("00654321", ContactSearchRules.rarePart("+48500654321", Set.of("485", "850", "500")));
    }

    @Test
    void takesTrigramsWithinWordsOnly() {
        // "a.b" and "@ex" are no trigrams: the words are "jan", "kowalski" and "example".
        assertEquals("kowalski", ContactSearchRules.rarePart("jan.kowalski@example", Set.of("jan", "exa")));
    }

    @Test
    void leadsWithNothingWhenNoTrigramIsCommonOrNoRunIsLeft() {
        assertNull(ContactSearchRules.rarePart("user654321@", Set.of()));
        assertNull(ContactSearchRules.rarePart("user654321@", Set.of("abc")));
        assertNull(ContactSearchRules.rarePart("user", Set.of("use", "ser")));
        assertNull(ContactSearchRules.rarePart("ab use", Set.of("use")));
    }
}
