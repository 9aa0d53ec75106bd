package dev.gatewaydoctor.handoff;

/**
 * Who the host page says the visitor is ({@code GatewayDoctor.identify(...)}). Passed as is to the
 * handoff routes, where a person needs it; never written to a store in this form.
 *
 * @param id the host's own id of the visitor, pseudonymous or not
 * @param plan the visitor's plan or tier, as the host names it
 */
public record Visitor(String id, String email, String name, String plan) {

    public static final Visitor NONE = new Visitor(null, null, null, null);

    public boolean isEmpty() {
        return id == null && email == null && name == null && plan == null;
    }
}
