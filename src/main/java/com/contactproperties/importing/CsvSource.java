package com.contactproperties.importing;

import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.error.NulCharacters;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A CSV file read as a stream with FastCSV (RFC 4180: quotes, embedded delimiters and line breaks,
 * CRLF or LF; blank lines skipped), strictly as UTF-8 with or without BOM. The delimiter is the
 * one of comma, semicolon and tab that the header line uses most, unless given. Blocking: callers
 * run it on a worker thread.
 */
final class CsvSource implements AutoCloseable {

    /** A data row: its number as a spreadsheet shows it (header = 1) and its cells. */
    record Row(int number, List<String> cells) {}

    private static final int SNIFF = 64 * 1024;

    private final CsvReader<CsvRecord> reader;
    private final Iterator<CsvRecord> records;
    private final List<String> header;
    private int number = 1;

    private CsvSource(InputStream in, char delimiter) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.reader = CsvReader.builder()
                .fieldSeparator(delimiter)
                .skipEmptyLines(true)
                .ignoreDifferentFieldCount(true)
                .maxBufferSize(4 * 1024 * 1024)
                .ofCsvRecord(new InputStreamReader(in, decoder));
        this.records = reader.iterator();
        if (!hasNext()) {
            throw new DomainException.Invalid("file", "is empty: the first line must name the columns");
        }
        this.header = next().getFields().stream().map(String::strip).toList();
    }

    /** Opens a file, checking what can be checked before parsing: size, encoding marks, binary content. */
    static CsvSource open(Path file, String delimiter) {
        try {
            if (Files.size(file) == 0) {
                throw new DomainException.Invalid("file", "is empty: the first line must name the columns");
            }
            BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), SNIFF);
            in.mark(SNIFF);
            byte[] head = in.readNBytes(SNIFF);
            in.reset();
            int bom = bomLength(head);
            in.skipNBytes(bom);
            checkText(head, bom);
            return new CsvSource(
                    in, delimiter == null || delimiter.isBlank() ? detect(head, bom) : delimiter(delimiter));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> header() {
        return header;
    }

    /** Up to {@code size} more data rows; empty at the end of the file. */
    List<Row> nextBatch(int size) {
        List<Row> rows = new ArrayList<>(size);
        while (rows.size() < size && hasNext()) {
            List<String> cells = next().getFields();
            if (cells.stream().anyMatch(NulCharacters::in)) {
                // The head of the file was checked on opening; a NUL past it is binary content all the same.
                throw new DomainException.BadRequest(
                        "file", "is binary, not a CSV text file: row " + (number + 1) + " holds a NUL byte");
            }
            rows.add(new Row(++number, cells));
        }
        return rows;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean hasNext() {
        return guarded(records::hasNext);
    }

    private CsvRecord next() {
        return guarded(records::next);
    }

    /** Turns the parser's failures into answers: bad encoding is a 400, a malformed file a 422. */
    private <T> T guarded(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new DomainException.BadRequest(
                        "file", "is not UTF-8 (row " + (number + 1) + "): save it as UTF-8 and upload again");
            }
            throw e;
        } catch (de.siegmar.fastcsv.reader.CsvParseException e) {
            throw new DomainException.Invalid(
                    "file", "cannot be read as CSV near row " + (number + 1) + ": " + e.getMessage());
        }
    }

    private static int bomLength(byte[] head) {
        if (head.length >= 2
                && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF)
                        || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE))) {
            throw new DomainException.BadRequest(
                    "file", "is UTF-16: save it as UTF-8 (with or without BOM) and upload again");
        }
        return head.length >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF ? 3 : 0;
    }

    private static void checkText(byte[] head, int from) {
        for (int i = from; i < head.length; i++) {
            if (head[i] == 0) {
                throw new DomainException.BadRequest("file", "is binary, not a CSV text file");
            }
        }
    }

    /** The delimiter the header line (up to its first line break outside quotes) uses most. */
    private static char detect(byte[] head, int from) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = from; i < head.length; i++) {
            char c = (char) head[i];
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }
        return tabs > commas && tabs > semicolons ? '\t' : semicolons > commas ? ';' : ',';
    }

    private static char delimiter(String given) {
        return switch (given) {
            case ",", "comma" -> ',';
            case ";", "semicolon" -> ';';
            case "\t", "tab", "\\t" -> '\t';
            default -> throw new DomainException.BadRequest("delimiter", "must be comma, semicolon or tab");
        };
    }
}
