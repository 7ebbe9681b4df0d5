package com.contactproperties.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactproperties.client.api.BatchTasksApi;
import com.contactproperties.client.api.BulkUpdatesApi;
import com.contactproperties.client.api.ContactImportsApi;
import com.contactproperties.client.api.ContactsApi;
import com.contactproperties.client.api.CustomersApi;
import com.contactproperties.client.api.TagsApi;
import com.contactproperties.client.model.BatchTask;
import com.contactproperties.client.model.BulkUpdateChanges;
import com.contactproperties.client.model.BulkUpdateEntry;
import com.contactproperties.client.model.BulkUpdateRequest;
import com.contactproperties.client.model.BulkUpdateResponse;
import com.contactproperties.client.model.Contact;
import com.contactproperties.client.model.ContactCreateRequest;
import com.contactproperties.client.model.ContactImport;
import com.contactproperties.client.model.ContactList;
import com.contactproperties.client.model.CustomFieldValueRequest;
import com.contactproperties.client.model.CustomerProperty;
import com.contactproperties.client.model.CustomerUpsert;
import com.contactproperties.client.model.CustomerUpsertRequest;
import com.contactproperties.client.model.CustomerUpsertResponse;
import com.contactproperties.client.model.CustomerUpsertResult;
import com.contactproperties.client.model.Problem;
import com.contactproperties.client.model.TagCreateRequest;
import com.contactproperties.platform.dev.EmbeddedDatabase;
import com.contactproperties.support.ServiceProcess;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A consumer's first session, through the Java client generated at build time from the service's
 * own OpenAPI document and against the packaged service: if the document lies, this does not
 * compile or fails here.
 */
class GeneratedClientIT {

    private static ServiceProcess service;

    @BeforeAll
    static void startService() throws Exception {
        service = new ServiceProcess(
                        EmbeddedDatabase.datasourceConfig(),
                        Map.of("CONTACT_PROPERTIES_TASKS_POLL_MILLIS", "200"),
                        Files.createTempFile("service-client", ".log"))
                .start();
    }

    @AfterAll
    static void stopService() throws InterruptedException {
        service.close();
    }

    @Test
    void createsAContactWithAValueOfEachTypeAndFindsItByOne() throws Exception {
        ClientSession session = ClientSession.of(service.baseUri());
        session.createPropertyOfEachType();
        Contact anna = session.contacts()
                .createContact(new ContactCreateRequest().name("Anna").customFields(ClientSession.VALUES));

        assertEquals(ClientSession.CAMEL_VALUES, anna.getCustomFields());
        ContactList found = session.contacts()
                .listContacts(null, null, null, null, "{\"score\": 42}", null, null, null, null, null, null, null);
        assertEquals(
                List.of(anna.getId()),
                found.getContacts().stream().map(Contact::getId).toList());
    }

    @Test
    void setsAndClearsOneValue() throws Exception {
        ClientSession session = ClientSession.of(service.baseUri());
        session.createPropertyOfEachType();
        ContactsApi contacts = session.contacts();
        String id =
                contacts.createContact(new ContactCreateRequest().name("Ben")).getId();

        contacts.setContactCustomFieldValue(id, "score", new CustomFieldValueRequest().value(7));
        assertEquals(7, contacts.getContact(id).getCustomFields().get("score"));
        contacts.setContactCustomFieldValue(id, "score", new CustomFieldValueRequest().value(""));
        assertFalse(contacts.getContact(id).getCustomFields().containsKey("score"));
    }

    @Test
    void archivesUnarchivesTagsAndUntags() throws Exception {
        ClientSession session = ClientSession.of(service.baseUri());
        ContactsApi contacts = session.contacts();
        String id =
                contacts.createContact(new ContactCreateRequest().name("Cleo")).getId();
        String tag = new TagsApi(session.client())
                .createTag(new TagCreateRequest().name("VIP"))
                .getId();

        contacts.archiveContact(id);
        assertNotNull(contacts.getContact(id).getArchivedAt());
        contacts.unarchiveContact(id);
        assertNull(contacts.getContact(id).getArchivedAt());
        contacts.addContactTag(id, tag);
        assertEquals(List.of(tag), contacts.getContact(id).getTagIds());
        contacts.removeContactTag(id, tag);
        assertEquals(List.of(), contacts.getContact(id).getTagIds());
    }

    @Test
    void bulkUpdatesAndPollsTheTaskToCompleted() throws Exception {
        ClientSession session = ClientSession.of(service.baseUri());
        session.createPropertyOfEachType();
        String id = session.contacts()
                .createContact(new ContactCreateRequest().name("Dan"))
                .getId();

        BulkUpdateResponse queued = new BulkUpdatesApi(session.client())
                .bulkUpdateContacts(
                        new BulkUpdateRequest()
                                .contacts(List.of(new BulkUpdateEntry()
                                        .id(id)
                                        .contact(new BulkUpdateChanges()
                                                .customProperties(Map.of("plan", "Pro", "score", 99))))),
                        null);
        BatchTasksApi tasks = new BatchTasksApi(session.client());
        BatchTask task = await(
                () -> tasks.getBatchTask(queued.getBatchTaskId()),
                t -> t.getStatus() == BatchTask.StatusEnum.COMPLETED);

        assertEquals(1, task.getSucceededCount());
        Map<String, Object> values = session.contacts().getContact(id).getCustomFields();
        assertEquals(List.of("Pro", 99), List.of(values.get("plan"), values.get("score")));
    }

    @Test
    void importsACsvAndReadsItsRowErrors() throws Exception {
        ClientSession session = ClientSession.of(service.baseUri());
        session.createPropertyOfEachType();
        String rows = "name,email,score\nEve,eve@example.com,5\nFay,fay@example.com,many\n";
        File csv = Files.writeString(Files.createTempFile("contacts", ".csv"), rows)
                .toFile();
        ContactImportsApi imports = new ContactImportsApi(session.client());

        String importId =
                imports.importContacts(csv, null, false, false, null, null).getImportId();
        ContactImport done = await(
                () -> imports.getContactImport(importId), i -> i.getStatus() == ContactImport.StatusEnum.COMPLETED);

        assertEquals(List.of(1, 1), List.of(done.getSuccessCount(), done.getFailedCount()));
        assertEquals("score", done.getErrors().get(0).getColumn());
        assertEquals(3, done.getErrors().get(0).getRow());
    }

    @Test
    void upsertsACustomerOnApiV2() throws Exception {
        ClientSession session = ClientSession.of(service.baseUri());
        session.createPropertyOfEachType();
        CustomerUpsertRequest request = new CustomerUpsertRequest()
                .subscribers(List.of(new CustomerUpsert()
                        .email("gus@example.com")
                        .firstName("Gus")
                        .properties(
                                List.of(new CustomerProperty().label("Score").value(12)))));

        CustomerUpsertResponse answer = new CustomersApi(session.client()).upsertCustomers(request, null);

        CustomerUpsertResult result = answer.getResults().get(0);
        assertEquals(CustomerUpsertResult.StatusEnum.CREATED, result.getStatus());
        assertEquals(
                12,
                session.contacts()
                        .getContact(result.getContactId())
                        .getCustomFields()
                        .get("score"));
    }

    @Test
    void readsAnInvalidValueAsATypedProblem() throws Exception {
        ClientSession session = ClientSession.of(service.baseUri());
        session.createPropertyOfEachType();
        ContactCreateRequest invalid = new ContactCreateRequest().name("Hal").customFields(Map.of("score", "many"));

        ApiException refused =
                assertThrows(ApiException.class, () -> session.contacts().createContact(invalid));

        Problem problem = session.client().getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertEquals(422, problem.getStatus());
        assertTrue(problem.getErrors().stream().anyMatch(e -> e.getField().contains("score")), problem.toString());
    }

    /** The result of {@code call} once it satisfies {@code done}, polled for up to 30 seconds. */
    private static <T> T await(Callable<T> call, Predicate<T> done) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        T last = call.call();
        while (!done.test(last) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            last = call.call();
        }
        assertTrue(done.test(last), String.valueOf(last));
        return last;
    }
}
