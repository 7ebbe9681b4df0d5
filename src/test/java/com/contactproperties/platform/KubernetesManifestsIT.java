package com.contactproperties.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The manifests quarkus-kubernetes wrote at package time (target/kubernetes), read with the fabric8
 * model as a cluster would: probes on the health endpoints, limits, a locked-down container, the
 * settings from the Secret and ConfigMap, a disruption budget, an autoscaler, and a Knative service.
 */
class KubernetesManifestsIT {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private static List<HasMetadata> read(String file) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target/kubernetes", file))) {
            Object parsed = YAML.unmarshal(in);
            @SuppressWarnings("unchecked")
            List<HasMetadata> all =
                    parsed instanceof List<?> list ? (List<HasMetadata>) list : List.of((HasMetadata) parsed);
            return all;
        }
    }

    private static <T extends HasMetadata> T one(List<HasMetadata> resources, Class<T> type) {
        List<T> found =
                resources.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), "one " + type.getSimpleName());
        return found.get(0);
    }

    private static void assertProbe(Probe probe, String path) {
        assertNotNull(probe, path);
        assertEquals(path, probe.getHttpGet().getPath());
    }

    private static void assertLockedDown(Container container) {
        var security = container.getSecurityContext();
        assertTrue(security.getRunAsNonRoot());
        assertTrue(security.getReadOnlyRootFilesystem());
        assertFalse(security.getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), security.getCapabilities().getDrop());
        assertTrue(
                container.getVolumeMounts().stream()
                        .anyMatch(m -> m.getMountPath().equals("/tmp")),
                "a writable /tmp");
    }

    private static void assertSettingsFromSecret(Container container) {
        assertTrue(
                container.getEnvFrom().stream()
                        .anyMatch(e -> e.getSecretRef() != null
                                && "contact-properties".equals(e.getSecretRef().getName())),
                "settings from the Secret");
        assertTrue(
                container.getEnvFrom().stream()
                        .anyMatch(e -> e.getConfigMapRef() != null
                                && "contact-properties-config"
                                        .equals(e.getConfigMapRef().getName())),
                "settings from the ConfigMap");
    }

    @Test
    void deploysWithProbesLimitsALockedDownContainerAndItsSecret() throws IOException {
        List<HasMetadata> resources = read("kubernetes.yml");
        Deployment deployment = one(resources, Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        Container container = pod.getContainers().get(0);
        assertProbe(container.getLivenessProbe(), "/q/health/live");
        assertProbe(container.getReadinessProbe(), "/q/health/ready");
        assertProbe(container.getStartupProbe(), "/q/health/started");
        assertNotNull(container.getResources().getRequests().get("cpu"));
        assertNotNull(container.getResources().getRequests().get("memory"));
        assertNotNull(container.getResources().getLimits().get("memory"));
        assertNotNull(container.getResources().getLimits().get("cpu"));
        assertLockedDown(container);
        assertSettingsFromSecret(container);
        assertTrue(
                pod.getInitContainers() == null || pod.getInitContainers().isEmpty(), "every instance migrates itself");

        PodDisruptionBudget budget = one(resources, PodDisruptionBudget.class);
        assertEquals(1, budget.getSpec().getMaxUnavailable().getIntVal());
        assertEquals(
                deployment.getSpec().getSelector().getMatchLabels(),
                budget.getSpec().getSelector().getMatchLabels());
        HorizontalPodAutoscaler autoscaler = one(resources, HorizontalPodAutoscaler.class);
        assertEquals(
                deployment.getMetadata().getName(),
                autoscaler.getSpec().getScaleTargetRef().getName());
        assertEquals(
                "cpu", autoscaler.getSpec().getMetrics().get(0).getResource().getName());
    }

    @Test
    void offersAKnativeServiceThatScalesToZero() throws IOException {
        GenericKubernetesResource service = read("knative.yml").stream()
                .filter(r -> r instanceof GenericKubernetesResource g
                        && g.getKind().equals("Service")
                        && g.getApiVersion().startsWith("serving.knative.dev/"))
                .map(GenericKubernetesResource.class::cast)
                .findFirst()
                .orElseThrow();
        Map<String, Object> template = service.get("spec", "template");
        @SuppressWarnings("unchecked")
        Map<String, String> annotations =
                (Map<String, String>) ((Map<String, Object>) template.get("metadata")).get("annotations");
        assertEquals("0", annotations.get("autoscaling.knative.dev/min-scale"));
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) template.get("spec");
        @SuppressWarnings("unchecked")
        Container container = YAML.convertValue(((List<Object>) spec.get("containers")).get(0), Container.class);
        assertProbe(container.getLivenessProbe(), "/q/health/live");
        assertProbe(container.getReadinessProbe(), "/q/health/ready");
        assertLockedDown(container);
        assertSettingsFromSecret(container);
    }
}
