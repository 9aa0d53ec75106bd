package dev.gatewaydoctor.kb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An entry's decision tree.
 *
 * @param root id of the first node
 * @param nodes nodes by id, in file order
 */
public record Flow(String root, Map<String, Node> nodes) {

    public Flow {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    }

    public Optional<Node> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    public Node rootNode() {
        return nodes.get(root);
    }
}
