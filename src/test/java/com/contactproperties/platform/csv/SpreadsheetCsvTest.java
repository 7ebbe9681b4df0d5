package com.contactproperties.platform.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadsheetCsvTest {

    @Test
    void prefixesAndQuotesEveryCellASpreadsheetWouldReadAsAFormula() {
        assertEquals(
                "\"'=cmd|' /C calc'!A0\",\"'+1\",\"'-1\",\"'@SUM(A1)\",\"'\tx\",\"'\rx\"\r\n",
                SpreadsheetCsv.record(List.of("=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)", "\tx", "\rx")));
    }

    @Test
    void writesOtherCellsAsRfc4180HasThem() {
        assertEquals(
                "17,phone,\"a, \"\"b\"\"\",,x=1,'quoted'\r\n",
                SpreadsheetCsv.record(Arrays.asList("17", "phone", "a, \"b\"", null, "x=1", "'quoted'")));
    }
}
