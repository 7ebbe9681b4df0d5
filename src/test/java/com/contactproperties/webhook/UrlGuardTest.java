package com.contactproperties.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactproperties.platform.error.DomainException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF rules with the development switch off: pure address checks, no traffic ever sent. */
class UrlGuardTest {

    private final UrlGuard strict = new UrlGuard(false);
    private final UrlGuard insecure = new UrlGuard(true);

    private static InetAddress address(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.255.255.254",
                "0.0.0.0",
                "0.1.2.3",
                "10.0.0.1",
                "10.255.255.255",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "100.64.0.1",
                "100.127.255.255",
                "169.254.169.254",
                "169.254.0.1",
                "192.0.0.170",
                "192.0.2.1",
                "198.18.0.1",
                "198.51.100.7",
                "203.0.113.9",
                "224.0.0.1",
                "239.255.255.250",
                "240.0.0.1",
                "255.255.255.255",
                "::",
                "::1",
                "::ffff:127.0.0.1",
                "::ffff:10.0.0.1",
                "::ffff:169.254.169.254",
                "::127.0.0.1",
                "64:ff9b::a9fe:a9fe",
                "64:ff9b:1::1",
                "2002:7f00:1::",
                "2002:a9fe:a9fe::1",
                "2001::1",
                "2001:db8::1",
                "fc00::1",
                "fd00:ec2::254",
                "fe80::1",
                "fec0::1",
                "ff02::1",
                "100::1"
            })
    void refusesAddressesOfTheServicesOwnNetwork(String literal) throws Exception {
        assertNotNull(UrlGuard.refusal(address(literal)), literal + " must be refused");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.216.34",
                "8.8.8.8",
                "172.32.0.1",
                "100.128.0.1",
                "2606:4700:4700::1111",
                "2002:5db8:d822::1"
            })
    void acceptsPublicUnicastAddresses(String literal) throws Exception {
        assertNull(UrlGuard.refusal(address(literal)), literal + " is public");
    }

    @Test
    void namesTheMetadataAddressAsTheReason() {
        DomainException e = assertThrows(
                DomainException.class, () -> strict.parse("url", "https://169.254.169.254/latest/meta-data/"));
        assertEquals("url", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().contains("metadata"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/",
                "https://localhost/",
                "https://LOCALHOST./x",
                "https://api.localhost/",
                "https://[::1]/",
                "https://0.0.0.0/",
                "https://127.1/",
                "https://0x7f.1/",
                "https://0x7f000001/",
                "https://2130706433/",
                "https://017700000001/",
                "https://0177.0.0.1/",
                "https://127.0.0.1.:8443/",
                "https://[::ffff:127.0.0.1]/",
                "https://[::ffff:7f00:1]/",
                "https://10.1/",
                "https://[fd00:ec2::254]/",
                "https://169.254.169.254/",
                "https://[fe80::1%25eth0]/"
            })
    void refusesLoopbackAndPrivateHostsInEveryForm(String url) {
        DomainException e = assertThrows(DomainException.class, () -> strict.parse("url", url), url);
        assertEquals("url", e.errors().get(0).field());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://hooks.example.com/",
                "ftp://hooks.example.com/",
                "hooks.example.com/x",
                "/relative",
                "https://user:pw@hooks.example.com/",
                "https:///path",
                "https://hooks.example.com:99999/",
                "",
                " "
            })
    void refusesWhatIsNotAnHttpsUrlWithAHost(String url) {
        DomainException e = assertThrows(DomainException.class, () -> strict.parse("url", url), url);
        assertEquals("url", e.errors().get(0).field());
    }

    @Test
    void readsTheOddFormsOfIpv4AsTheCLibraryDoes() throws Exception {
        assertEquals(address("127.0.0.1"), UrlGuard.literal("127.1").orElseThrow());
        assertEquals(address("127.0.0.1"), UrlGuard.literal("0x7f.1").orElseThrow());
        assertEquals(address("127.0.0.1"), UrlGuard.literal("2130706433").orElseThrow());
        assertEquals(address("127.0.0.1"), UrlGuard.literal("0177.0.0.01").orElseThrow());
        assertEquals(address("10.0.0.1"), UrlGuard.literal("10.1").orElseThrow());
        assertTrue(UrlGuard.literal("hooks.example.com").isEmpty());
        assertTrue(UrlGuard.literal("1.2.3.4.5").isEmpty());
        assertTrue(UrlGuard.literal("256.1.1.1").isEmpty());
    }

    @Test
    void acceptsAPublicHttpsUrlWithoutResolvingItHere() {
        UrlGuard.Target target = strict.parse("url", "https://hooks.example.com:8443/in?x=1");
        assertEquals("hooks.example.com", target.host());
        assertEquals(8443, target.port());
        assertEquals("/in?x=1", target.requestUri());
        assertTrue(target.tls());
        assertTrue(target.needsResolution());
    }

    @Test
    void refusesAPrivateAddressAmongTheResolvedOnes() throws Exception {
        DomainException e = assertThrows(
                DomainException.class,
                () -> strict.check("url", "hooks.example.com", List.of(address("93.184.216.34"), address("10.0.0.7"))));
        assertTrue(e.getMessage().contains("private"), e.getMessage());
        assertThrows(DomainException.class, () -> strict.check("url", "nowhere.example", List.of()));
    }

    @Test
    void theDevelopmentSwitchAllowsHttpAndLoopbackOnly() throws Exception {
        insecure.parse("url", "http://127.0.0.1:8080/hook");
        insecure.parse("url", "http://localhost:8080/hook");
        insecure.check("url", "localhost", List.of(address("127.0.0.1"), address("::1")));
        assertThrows(DomainException.class, () -> insecure.parse("url", "http://10.0.0.1/hook"));
        assertThrows(DomainException.class, () -> insecure.parse("url", "http://169.254.169.254/"));
        assertThrows(DomainException.class, () -> insecure.parse("url", "http://0.0.0.0:8080/"));
    }
}
