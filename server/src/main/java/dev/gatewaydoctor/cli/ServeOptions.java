package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.Settings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where the server listens and what it serves: the options of {@code serve}, also taken without it. */
public final class ServeOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    // Defaults may come from the environment, so a container's port is set in one place
    // (GATEWAY_DOCTOR_PORT) that its health check reads too.
    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "${env:GATEWAY_DOCTOR_HOST:-" + Settings.DEFAULT_HOST + "}",
            description = "address to listen on (default: ${DEFAULT-VALUE}, every interface; 127.0.0.1 for this machine only;"
                    + " env GATEWAY_DOCTOR_HOST)")
    private String host;

    private int port = Settings.DEFAULT_PORT;

    @Mixin
    private KbOptions kb;

    @Option(names = "--port", paramLabel = "N", defaultValue = "${env:GATEWAY_DOCTOR_PORT:-" + Settings.DEFAULT_PORT + "}",
            description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one; env GATEWAY_DOCTOR_PORT)")
    void port(int value) {
        if (value < 0 || value > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, got " + value);
        }
        port = value;
    }

    public KbOptions kb() {
        return kb;
    }

    public Settings settings() {
        return new Settings(host, port, kb.folders(), System.getenv());
    }
}
