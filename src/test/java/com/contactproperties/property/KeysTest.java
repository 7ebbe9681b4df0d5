package com.contactproperties.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void generatesKeysFromTitles() {
        assertEquals("subscription_plan", Keys.fromTitle("Subscription Plan"));
        assertEquals("lifecycle_stage", Keys.fromTitle("Lifecycle stage"));
        assertEquals("preferred_store", Keys.fromTitle("  Preferred   store!! "));
        assertEquals("sklep_w_krakowie", Keys.fromTitle("Sklep w Krakówie"));
        assertEquals("zolw_lodz", Keys.fromTitle("Żółw — Łódź"));
        assertEquals("strasse", Keys.fromTitle("Straße"));
        assertEquals("cafe_creme", Keys.fromTitle("Café Crème"));
        assertEquals("e_mail_opt_in", Keys.fromTitle("E-mail / opt-in?"));
        assertEquals("2024_budget", Keys.fromTitle("2024 Budget"));
    }

    @Test
    void fallsBackToPropertyWhenNothingIsLeft() {
        assertEquals("property", Keys.fromTitle("🎉🎉"));
        assertEquals("property", Keys.fromTitle("---"));
        assertEquals("vip", Keys.fromTitle("🎉 VIP 🎉"));
        assertEquals("property", Keys.fromTitle("日本語"));
    }

    @Test
    void cutsLongTitlesToSixtyFourCharacters() {
        String key = Keys.fromTitle("Word ".repeat(40));
        assertTrue(key.length() <= 64, key);
        assertTrue(!key.endsWith("_"), key);
        assertEquals(64, Keys.fromTitle("x".repeat(200)).length());
    }

    @Test
    void appendsANumberOnCollision() {
        assertEquals("plan_2", Keys.unique("plan", List.of("plan")));
        assertEquals("plan_3", Keys.unique("plan", List.of("plan", "plan_2")));
        String base = "x".repeat(64);
        String second = Keys.unique(base, List.of(base));
        assertEquals("x".repeat(62) + "_2", second);
        assertEquals(64, second.length());
    }

    @Test
    void keepsEverySpellingUnique() {
        // "ab_c" and "a_bc" share the camel spelling "abC"/"aBc" case-insensitively.
        assertEquals("a_bc_2", Keys.unique("a_bc", List.of("ab_c")));
        // "cf_x" would be the /v1 id of "x".
        assertEquals("cf_x_2", Keys.unique("cf_x", List.of("x")));
        assertEquals("x_2", Keys.unique("x", List.of("cf_x")));
    }

    @Test
    void spellsAKeyFourWays() {
        assertEquals("cf_lifecycle_stage", Keys.id("lifecycle_stage"));
        assertEquals("lifecycle-stage", Keys.slug("lifecycle_stage"));
        assertEquals("lifecycleStage", Keys.camel("lifecycle_stage"));
        assertEquals("plan2", Keys.camel("plan_2"));
        assertEquals("plan", Keys.camel("plan"));
        assertEquals(
                Set.of("lifecycle_stage", "lifecycle-stage", "cf_lifecycle_stage", "lifecyclestage"),
                Keys.spellings("lifecycle_stage"));
    }
}
