package com.contactproperties.platform.csv;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.QuoteStrategy;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * CSV records as every CSV this service serves writes them: people open these files in
 * spreadsheets, which read a cell beginning with =, +, -, @, a tab or a carriage return as a
 * formula, and a cell can hold text a client uploaded ({@code =cmd|' /C calc'!A0}). As OWASP's
 * CSV injection guidance says, such a cell gets a single quote in front and is quoted, so that the
 * spreadsheet shows it as text; every other cell is written as RFC 4180 has it.
 */
public final class SpreadsheetCsv {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    /** Quotes the cells {@link #neutralise} prefixed, which need no quotes by RFC 4180's rules alone. */
    private static final QuoteStrategy NEUTRALISED = new QuoteStrategy() {
        @Override
        public boolean quoteNonEmpty(int lineNo, int fieldIdx, String value) {
            return value.length() > 1 && value.charAt(0) == '\'' && startsFormula(value.substring(1));
        }
    };

    private SpreadsheetCsv() {}

    /** One record, ending with CRLF; a null cell is empty. */
    public static String record(List<String> cells) {
        StringWriter out = new StringWriter();
        try (CsvWriter writer = CsvWriter.builder().quoteStrategy(NEUTRALISED).build(out)) {
            writer.writeRecord(cells.stream().map(SpreadsheetCsv::neutralise).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The cell as a spreadsheet must see it: prefixed with a single quote when it would start a formula. */
    static String neutralise(String cell) {
        if (cell == null) {
            return "";
        }
        return startsFormula(cell) ? "'" + cell : cell;
    }

    private static boolean startsFormula(String cell) {
        return !cell.isEmpty() && FORMULA_STARTS.indexOf(cell.charAt(0)) >= 0;
    }
}
