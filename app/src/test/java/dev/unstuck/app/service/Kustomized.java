package dev.unstuck.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code kubectl apply -k OVERLAY} would apply, rendered without kubectl for the few Kustomize
 * features deploy/kubernetes uses: {@code resources} (files and directories), {@code patches} (strategic
 * merge: maps merge, lists of named items merge by name, a null deletes), {@code configMapGenerator}
 * (from files; the name without Kustomize's hash suffix) and {@code images}. Anything else in a
 * kustomization fails here, so the layout cannot outgrow what the tests check.
 */
final class Kustomized {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final List<String> KNOWN = List.of("apiVersion", "kind", "resources", "patches", "configMapGenerator", "images");

    private Kustomized() {
    }

    static List<JsonNode> render(Path dir) throws IOException {
        JsonNode k = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        k.fieldNames().forEachRemaining(f -> {
            if (!KNOWN.contains(f)) {
                throw new AssertionError(dir + ": kustomization field " + f + " is not one the tests' renderer knows");
            }
        });
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            out.addAll(Files.isDirectory(p) ? render(p) : documents(p));
        }
        for (JsonNode g : k.path("configMapGenerator")) {
            ObjectNode cm = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
            cm.putObject("metadata").put("name", g.path("name").asText()).set("labels", g.at("/options/labels"));
            ObjectNode data = cm.putObject("data");
            for (JsonNode f : g.path("files")) {
                data.put(Path.of(f.asText()).getFileName().toString(), Files.readString(dir.resolve(f.asText())));
            }
            out.add(cm);
        }
        for (JsonNode p : k.path("patches")) {
            for (JsonNode patch : documents(dir.resolve(p.path("path").asText()))) {
                JsonNode target = find(out, patch.path("kind").asText(), patch.at("/metadata/name").asText())
                        .orElseThrow(() -> new AssertionError(dir + ": a patch for a " + patch.path("kind") + " that no resource declares"));
                merge((ObjectNode) target, patch);
            }
        }
        for (JsonNode image : k.path("images")) {
            for (JsonNode doc : out) {
                for (JsonNode c : containers(doc)) {
                    if (c.path("image").asText().equals(image.path("name").asText())) {
                        ((ObjectNode) c).put("image", image.path("newName").asText(image.path("name").asText())
                                + (image.has("newTag") ? ":" + image.path("newTag").asText() : ""));
                    }
                }
            }
        }
        return out;
    }

    static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
                if (!d.isNull() && !d.isMissingNode()) {
                    docs.add(d);
                }
            });
        }
        return docs;
    }

    static Optional<JsonNode> find(List<JsonNode> docs, String kind, String name) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind) && d.at("/metadata/name").asText().equals(name)).findFirst();
    }

    static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    /** Every container of a workload's pod template, init containers included. */
    static List<JsonNode> containers(JsonNode doc) {
        List<JsonNode> all = new ArrayList<>();
        JsonNode pod = doc.at("/spec/template/spec");
        pod.path("initContainers").forEach(all::add);
        pod.path("containers").forEach(all::add);
        return all;
    }

    /** Strategic merge as Kustomize does it for these fields: by key for maps, by "name" for lists of named items. */
    private static void merge(ObjectNode target, JsonNode patch) {
        patch.fields().forEachRemaining(e -> {
            JsonNode have = target.get(e.getKey());
            JsonNode want = e.getValue();
            if (want.isNull()) {
                target.remove(e.getKey());
            } else if (have instanceof ObjectNode h && want.isObject()) {
                merge(h, want);
            } else if (have instanceof ArrayNode h && want.isArray() && named(h) && named(want)) {
                for (JsonNode item : want) {
                    Optional<JsonNode> same = stream(h).filter(i -> i.path("name").equals(item.path("name"))).findFirst();
                    if (same.isPresent()) {
                        merge((ObjectNode) same.get(), item);
                    } else {
                        h.add(item.deepCopy());
                    }
                }
            } else {
                target.set(e.getKey(), want.deepCopy());
            }
        });
    }

    private static boolean named(JsonNode list) {
        return list.size() > 0 && stream(list).allMatch(i -> i.isObject() && i.has("name"));
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode list) {
        return java.util.stream.StreamSupport.stream(list.spliterator(), false);
    }
}
