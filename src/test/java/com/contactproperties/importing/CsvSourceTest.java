package com.contactproperties.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.contactproperties.platform.error.DomainException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvSourceTest {

    private static CsvSource open(String text) throws IOException {
        Path file = Files.createTempFile("source", ".csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return CsvSource.open(file, null);
    }

    @Test
    void refusesAFieldTooLargeToBufferWithAClearAnswer() throws IOException {
        String huge = "email,name\na@example.com,\"" + "x".repeat(5 * 1024 * 1024) + "\"\n";
        DomainException e = assertThrows(DomainException.class, () -> {
            try (CsvSource source = open(huge)) {
                source.nextBatch(10);
            }
        });
        assertEquals("file", e.errors().get(0).field());
    }

    @Test
    void detectsSemicolonsAndKeepsQuotedDelimiters() throws IOException {
        try (CsvSource source = open("email;name\na@example.com;\"Doe; Jane\"\n")) {
            assertEquals(List.of("email", "name"), source.header());
            assertEquals(
                    List.of("a@example.com", "Doe; Jane"),
                    source.nextBatch(10).get(0).cells());
        }
    }

    @Test
    void numbersRowsAsASpreadsheetDoes() throws IOException {
        try (CsvSource source = open("email\r\na@example.com\r\n\r\n\"b@\nexample.com\"\nc@example.com\n")) {
            assertEquals(
                    List.of(2, 3, 4),
                    source.nextBatch(10).stream().map(CsvSource.Row::number).toList());
        }
    }
}
